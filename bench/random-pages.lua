-- wrk script for bench/listing.sh: every request asks for a page chosen at random between FIRST_PAGE and LAST_PAGE
-- (each thread its own sequence, from SEED), as people jumping around a library do. The URL is the list's without its
-- page.
local first = tonumber(os.getenv("FIRST_PAGE") or "1")
local seed = tonumber(os.getenv("SEED") or "16")
local last = tonumber(os.getenv("LAST_PAGE") or "1")
local started = 0

function setup(thread)
    thread:set("number", started)
    started = started + 1
end

function init(args)
    math.randomseed(seed * 1000 + number)
end

function request()
    return wrk.format(nil, wrk.path .. "&page=" .. math.random(first, last))
end
