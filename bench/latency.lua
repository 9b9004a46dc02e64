-- wrk reporter: one JSON line with requests/s and latency percentiles (ms).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format(
    '{"requests": %d, "errors": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f}\n',
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000
  ))
end
