-- wrk script: GET $BENCH_PATH (a grid worker's due list) as the caller of $BENCH_TOKEN.
-- done() prints one RESULT line that bench/visits/run.sh parses.

local bench = dofile(os.getenv("BENCH_LUA"))

wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"
local path = os.getenv("BENCH_PATH")

function request()
    return wrk.format("GET", path)
end

function done(summary, latency, requests)
    bench.print_result(summary, latency)
end
