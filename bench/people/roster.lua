-- wrk script: GET /api/v1/buildings/{id}/roster?limit=50 for the buildings listed in $BENCH_BUILDINGS (comma-separated
-- ids), in turn, as the caller of $BENCH_TOKEN. done() prints one RESULT line that bench/people/run.sh parses.

local bench = dofile(os.getenv("BENCH_LUA"))

wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"
local buildings = {}
for id in string.gmatch(os.getenv("BENCH_BUILDINGS"), "[^,]+") do
    buildings[#buildings + 1] = id
end
local i = 0

function request()
    i = i % #buildings + 1
    return wrk.format("GET", "/api/v1/buildings/" .. buildings[i] .. "/roster?limit=50")
end

function done(summary, latency, requests)
    bench.print_result(summary, latency)
end
