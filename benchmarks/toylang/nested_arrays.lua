-- Nested loops over arrays: a matrix product of n x n ints, stored row-major
-- (twin of nested_arrays.tl). Tables are indexed from 0 like the original.
local n = 180
local a, b, c = {}, {}, {}
local i = 0
while i < n * n do
  a[i] = i % 7
  b[i] = (i * 3) % 11
  c[i] = 0
  i = i + 1
end
i = 0
while i < n do
  local j = 0
  while j < n do
    local s, k = 0, 0
    while k < n do
      s = s + a[i * n + k] * b[k * n + j]
      k = k + 1
    end
    c[i * n + j] = s
    j = j + 1
  end
  i = i + 1
end
local total = 0
i = 0
while i < n * n do
  total = total + c[i] * (i % 13)
  i = i + 1
end
print(string.format("%d", total))
