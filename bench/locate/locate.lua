-- wrk script: GET /api/v1/regions/locate for points read from $BENCH_POINTS ("lng,lat" per line), picked at
-- random with a fixed seed per thread; sends "Authorization: Bearer $BENCH_TOKEN" when that is set.
-- done() prints one machine-readable RESULT line that bench/locate/run.sh parses.

local bench = dofile(os.getenv("BENCH_LUA"))

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.headers["Accept"] = "application/json"

local threads = {}
local paths = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_id", #threads)
end

function init(args)
    for line in io.lines(os.getenv("BENCH_POINTS")) do
        local lng, lat = line:match("^([-%d%.]+),([-%d%.]+)")
        if lng then
            paths[#paths + 1] = "/api/v1/regions/locate?lng=" .. lng .. "&lat=" .. lat .. "&coordType=wgs84"
        end
    end
    if #paths == 0 then error("no points in " .. tostring(os.getenv("BENCH_POINTS"))) end
    math.randomseed(4242 + (thread_id or 0))
end

function request()
    return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
    bench.print_result(summary, latency)
end
