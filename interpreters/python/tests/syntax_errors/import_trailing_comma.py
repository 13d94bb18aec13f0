from x import y,
