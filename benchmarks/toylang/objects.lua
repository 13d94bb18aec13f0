-- Object-heavy: a particle simulation with records (tables), integers only
-- (twin of objects.tl).
local function vec(x, y) return { x = x, y = y } end

local function step(p, w)
  local nx = p.pos.x + p.vel.x
  local ny = p.pos.y + p.vel.y
  if nx < 0 or nx >= w then
    p.vel = vec(0 - p.vel.x, p.vel.y)
    p.hits = p.hits + 1
  elseif ny < 0 or ny >= w then
    p.vel = vec(p.vel.x, 0 - p.vel.y)
    p.hits = p.hits + 1
  else
    p.pos = vec(nx, ny)
  end
end

local n = 100
local ps = {}
local i = 0
while i < n do
  ps[i] = { pos = vec(i % 50, (i * 7) % 50), vel = vec(i % 5 - 2, i % 3 - 1), hits = 0 }
  i = i + 1
end
local t = 0
while t < 30000 do
  i = 0
  while i < n do
    step(ps[i], 50)
    i = i + 1
  end
  t = t + 1
end
local hits, sx = 0, 0
i = 0
while i < n do
  hits = hits + ps[i].hits
  sx = sx + ps[i].pos.x * (i + 1) + ps[i].pos.y
  i = i + 1
end
print(string.format("%d %d", hits, sx))
