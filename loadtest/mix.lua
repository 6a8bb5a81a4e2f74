-- The load mix for wrk (loadtest/run.py sets the environment): GETs of the landing page, the
-- filtered library, resources, events and search, and form posts, each as a browser behind the
-- TLS proxy sends them. Counts statuses and accepted posts (the thank-you page) per thread.

local function split(value)
  local items = {}
  for item in string.gmatch(value or "", "[^\n]+") do items[#items + 1] = item end
  return items
end

local pages = split(os.getenv("LOAD_GET_PATHS"))
local form_path = os.getenv("LOAD_FORM_PATH")
local form_body = os.getenv("LOAD_FORM_BODY")
local post_share = tonumber(os.getenv("LOAD_POST_SHARE") or "0.15")
-- Posts stop a while before the end, so every post's reply is read before wrk stops.
local post_until = tonumber(os.getenv("LOAD_POST_UNTIL") or "0")
local marker = os.getenv("LOAD_MARKER")
local thanks = os.getenv("LOAD_THANKS")

local threads = {}
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("id", thread_number)
  threads[#threads + 1] = thread
end

function init(args)
  wrk.headers["X-Forwarded-Proto"] = "https"
  wrk.headers["Accept-Language"] = "en"
  wrk.headers["Cookie"] = os.getenv("LOAD_COOKIE")
  counter, posts, accepted, s2, s3, s4, s429, s5 = 0, 0, 0, 0, 0, 0, 0, 0
  math.randomseed(id * 7919)
end

function request()
  counter = counter + 1
  if os.time() < post_until and math.random() < post_share then
    posts = posts + 1
    local message = string.format("%s-%d-%d", marker, id, counter)
    -- wrk.format uses these instead of wrk.headers, so they repeat the common ones.
    local headers = {
      ["X-Forwarded-Proto"] = "https",
      ["Accept-Language"] = "en",
      ["Cookie"] = os.getenv("LOAD_COOKIE"),
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = os.getenv("LOAD_ORIGIN"),
      ["Referer"] = os.getenv("LOAD_ORIGIN") .. form_path,
    }
    return wrk.format("POST", form_path, headers, form_body .. "&message=" .. message)
  end
  return wrk.format("GET", pages[math.random(#pages)])
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else
    s2 = s2 + 1
    if body and string.find(body, thanks, 1, true) then accepted = accepted + 1 end
  end
end

function done(summary, latency, requests)
  local totals = {posts = 0, accepted = 0, s2 = 0, s3 = 0, s4 = 0, s429 = 0, s5 = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  io.write(string.format(
    'LOADJSON {"requests": %d, "duration_us": %d, "errors_connect": %d, "errors_read": %d, '
    .. '"errors_timeout": %d, "p50_ms": %.1f, "p90_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, '
    .. '"posts": %d, "accepted": %d, "s2xx": %d, "s3xx": %d, "s4xx": %d, "s429": %d, "s5xx": %d}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, totals.posts, totals.accepted, totals.s2,
    totals.s3, totals.s4, totals.s429, totals.s5))
end
