-- wrk script for bench/listing.sh: each thread reads the pages of the list in turn, page after page, as a program
-- reading a whole library does (the official SDKs' iterators). The URL is the list's without its page; FIRST_PAGE and
-- LAST_PAGE bound the walk; of THREADS threads, thread k starts k/THREADS of the way along and wraps around.
local first = tonumber(os.getenv("FIRST_PAGE") or "1")
local last = tonumber(os.getenv("LAST_PAGE") or "1")
local threads = tonumber(os.getenv("THREADS") or "1")
local started = 0

function setup(thread)
    thread:set("number", started)
    started = started + 1
end

local page
function init(args)
    page = first + math.floor((last - first + 1) * number / threads)
end

function request()
    local r = wrk.format(nil, wrk.path .. "&page=" .. page)
    page = page + 1
    if page > last then
        page = first
    end
    return r
end
