-- Sieve of Eratosthenes, repeated (twin of sieve.tl).
local function sieve(n)
  local flags = {}
  for x = 0, n do flags[x] = 1 end
  flags[0] = 0
  flags[1] = 0
  local i = 2
  while i * i <= n do
    if flags[i] ~= 0 then
      local j = i * i
      while j <= n do
        flags[j] = 0
        j = j + i
      end
    end
    i = i + 1
  end
  local count, k = 0, 0
  while k <= n do
    count = count + flags[k]
    k = k + 1
  end
  return count
end

local r, rep = 0, 0
while rep < 4 do
  r = sieve(1000000)
  rep = rep + 1
end
print(string.format("%d", r))
