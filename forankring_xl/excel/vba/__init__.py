"""Writing a VBA project without Excel: [MS-OVBA] streams in an [MS-CFB] compound file."""
