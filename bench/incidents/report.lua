-- wrk script: POST /api/v1/incidents as the workers of $BENCH_TOKENS (comma-separated; they take turns, request by
-- request; else the one of $BENCH_TOKEN), at points read from $BENCH_POINTS
-- ("lng,lat" per line, WGS-84) with categories from $BENCH_CATEGORIES (comma-separated leaf codes), both
-- picked at random with a fixed seed per thread. Each request has its own Idempotency-Key
-- ($BENCH_RUN-thread-counter), so every request creates an incident. done() prints one RESULT line that
-- bench/incidents/run.sh parses, and the first error answer (status and body) if there was one.

local bench = dofile(os.getenv("BENCH_LUA"))

local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do tokens[#tokens + 1] = t end
if #tokens == 0 then tokens[1] = os.getenv("BENCH_TOKEN") end
wrk.headers["Accept"] = "application/json"
wrk.headers["Content-Type"] = "application/json"

local threads = {}
local points = {}
local categories = {}
local counter = 0
local run = os.getenv("BENCH_RUN") or tostring(os.time())
-- an hour ago, in UTC
local occurred = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 3600)

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_id", #threads)
end

function init(args)
    for line in io.lines(os.getenv("BENCH_POINTS")) do
        local lng, lat = line:match("^([-%d%.]+),([-%d%.]+)")
        if lng then points[#points + 1] = { lng, lat } end
    end
    for code in string.gmatch(os.getenv("BENCH_CATEGORIES") or "", "[^,]+") do
        categories[#categories + 1] = code
    end
    if #points == 0 or #categories == 0 then error("no points or no categories") end
    math.randomseed(4343 + (thread_id or 0))
end

function request()
    counter = counter + 1
    local p = points[math.random(#points)]
    local body = string.format('{"categoryCode":"%s","description":"wrk 压测上报 %d-%d","location":'
        .. '{"lng":%s,"lat":%s,"coordType":"wgs84"},"mediaIds":[],"occurredAt":"%s","selfResolved":false}',
        categories[math.random(#categories)], thread_id, counter, p[1], p[2], occurred)
    -- wrk.format uses the headers given instead of wrk.headers, not on top of them
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter
    -- the threads start at different reporters, so that at any time the load is spread over all of them
    headers["Authorization"] = "Bearer " .. tokens[(counter + thread_id * 7) % #tokens + 1]
    return wrk.format("POST", "/api/v1/incidents", headers, body)
end

first_error = nil
function response(status, headers, body)
    if status >= 300 and first_error == nil then
        first_error = status .. " " .. (body or "")
    end
end

function done(summary, latency, requests)
    for _, t in ipairs(threads) do
        local err = t:get("first_error")
        if err then
            io.write("FIRST_ERROR " .. string.gsub(err, "\n", " ") .. "\n")
            break
        end
    end
    bench.print_result(summary, latency)
end
