-- wrk script: GET $BENCH_PATH (a dashboard, GET /api/v1/stats/overview...) as the caller of $BENCH_TOKEN.
-- done() prints one RESULT line that bench/stats/endpoint.sh parses; the first error answer, if any, as FIRST_ERROR.

local bench = dofile(os.getenv("BENCH_LUA"))

wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"
local path = os.getenv("BENCH_PATH")
local first_error = nil

function request()
    return wrk.format("GET", path)
end

function response(status, headers, body)
    if status ~= 200 and first_error == nil then
        first_error = status .. " " .. string.sub(body or "", 1, 300)
        io.write("FIRST_ERROR " .. first_error .. "\n")
    end
end

function done(summary, latency, requests)
    bench.print_result(summary, latency)
end
