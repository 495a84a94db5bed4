-- wrk: the baseline, one row inserted per request.
wrk.method = "POST"
wrk.path = "/bench/baseline"
