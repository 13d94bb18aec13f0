-- Iterative Fibonacci modulo a prime, many times over (twin of fib_iter.tl).
local function fib(n)
  local a, b, i = 0, 1, 0
  while i < n do
    local t = (a + b) % 1000000007
    a = b
    b = t
    i = i + 1
  end
  return a
end

local k, total = 0, 0
while k < 200 do
  total = (total + fib(50000 + k)) % 1000000007
  k = k + 1
end
print(string.format("%d", total))
