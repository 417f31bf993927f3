-- Shared by the wrk scripts (bench/*/*.lua), which load it with dofile(os.getenv("BENCH_LUA")) (bench/lib.sh
-- exports the path): the one RESULT line that lib.sh's field() reads.
local bench = {}

function bench.print_result(summary, latency)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f "
            .. "non2xx=%d socket_errors=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000,
        latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end

return bench
