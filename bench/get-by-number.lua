-- wrk script: GET /api/v1/pupils/{number} for numbers drawn at random from NUMBERS_FILE,
-- with the session cookie in SESSION_COOKIE.
local numbers = {}
local cookie = os.getenv("SESSION_COOKIE")

init = function(args)
  for line in io.lines(os.getenv("NUMBERS_FILE")) do numbers[#numbers + 1] = line end
  math.randomseed(os.time() + (args[1] and tonumber(args[1]) or 0))
end

request = function()
  local n = numbers[math.random(#numbers)]
  return wrk.format("GET", "/api/v1/pupils/" .. n, { ["Cookie"] = "xueji_session=" .. cookie })
end
