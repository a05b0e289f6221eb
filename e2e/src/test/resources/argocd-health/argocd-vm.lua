-- Runs one Argo CD health script the way Argo CD runs a configured one: the object in the global obj, only the base,
-- table and safe os libraries, no string methods, and the last value left on the stack taken as the result.
-- Usage: lua5.1 argocd-vm.lua <script> < <a Lua chunk returning the object>; prints the status and the message.
local file = assert(io.open(arg[1]))
local script = file:read("*a")
file:close()
local object = assert(loadstring(io.read("*a"), "object"))()

local env = {obj = object, table = table,
  os = {time = os.time, date = os.date, clock = os.clock, difftime = os.difftime}}
for _, name in ipairs({"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print", "rawequal",
    "rawget", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall"}) do
  env[name] = _G[name]
end
env._G = env
local chunk = assert(loadstring(script, "health.lua"))
setfenv(chunk, env)

local function last(...)
  local n = select("#", ...)
  assert(n > 0, "expect table output from Lua script, not nothing")
  return (select(n, ...))
end

local write = io.write
getmetatable("").__index = nil
local hs = last(chunk())
assert(type(hs) == "table", "expect table output from Lua script, not " .. type(hs))
write(tostring(hs.status), "\n", tostring(hs.message), "\n")
