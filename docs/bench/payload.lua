-- build a ~400-byte webhook-like JSON value for a given index
function make_value(i)
  local sid = string.format("SM%032x", i)
  local v = string.format('{"event":"message.status","sid":"%s","account_sid":"AC5ef8732a3c49700934481addd5ce1659","from":"+15017122661","to":"+15558675310","status":"delivered","error_code":null,"num_segments":1,"price":"-0.00750","price_unit":"USD","timestamp":"2026-11-25T10:15:30.123Z","api_version":"2010-04-01","body":"Your appointment is confirmed for tomorrow at 10:00.","pad":"', sid)
  local tail = '"}'
  local padlen = 400 - #v - #tail
  return sid, v .. string.rep("x", padlen) .. tail
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SUMMARY requests=%d duration_s=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f mean_ms=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration/1e6, summary.requests/(summary.duration/1e6),
    latency:percentile(50)/1000, latency:percentile(90)/1000, latency:percentile(99)/1000, latency:percentile(99.9)/1000,
    latency.max/1000, latency.mean/1000, e.status, e.connect, e.read, e.write, e.timeout))
end
