-- wrk: a page as a signed-in user (BENCH_COOKIE) or anonymously.
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
