-- wrk: file a dossier through the API, each request with its own Idempotency-Key.
local f = assert(io.open(os.getenv("BENCH_PDF"), "rb"))
local pdf = f:read("*all")
f:close()
local boundary = "idarabenchboundary"
local function field(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end
local body = field("procedure", os.getenv("BENCH_PROCEDURE"))
  .. field("collectivity", os.getenv("BENCH_COLLECTIVITY"))
  .. field("data", os.getenv("BENCH_DATA"))
for code in string.gmatch(os.getenv("BENCH_DOCUMENTS"), "[^,]+") do
  body = body .. "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. code
    .. "\"; filename=\"" .. code .. ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n" .. pdf .. "\r\n"
end
body = body .. "--" .. boundary .. "--\r\n"
local headers = {
  ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
  ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
}
local thread_id = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
local n = 0
request = function()
  n = n + 1
  headers["Idempotency-Key"] = string.format("%d-%d-%d-%d", tid or 0, n, os.time(), math.random(1, 1e9))
  return wrk.format("POST", "/api/v1/dossiers", headers, body)
end
