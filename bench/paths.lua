-- wrk script: cycle through the paths listed (one a line) in the file named by
-- the first script argument, so that a row measures many pages, not one; then
-- report one JSON line with requests/s, errors and latency percentiles (ms).
local paths = {}
local index = 0

init = function(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  -- Each thread starts at a different place in the list.
  index = math.random(#paths)
end

request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

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
