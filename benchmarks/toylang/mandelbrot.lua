-- Mandelbrot set: count the points of a grid that stay bounded (twin of
-- mandelbrot.tl).
local size, count = 400, 0
local y = 0
while y < size do
  local ci = 2.0 * y / size - 1.0
  local x = 0
  while x < size do
    local cr = 2.0 * x / size - 1.5
    local zr, zi = 0.0, 0.0
    local k, inside = 0, 1
    while k < 50 do
      local zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > 4.0 then
        inside = 0
        k = 50
      else
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
        k = k + 1
      end
    end
    count = count + inside
    x = x + 1
  end
  y = y + 1
end
print(string.format("%d", count))
