-- wrk script for bench/listing.sh: asks for pages of the list between FIRST_PAGE and LAST_PAGE; the URL is the list's
-- without its page.
--   ORDER=in-turn  each thread reads page after page, as a program reading a whole library does (the official SDKs'
--                  iterators); of THREADS threads, thread k starts k/THREADS of the way along, and wraps around
--   ORDER=random   every request asks for a page chosen at random (each thread its own sequence, from SEED), as
--                  people jumping around a library do
local order = os.getenv("ORDER") or "in-turn"
local first = tonumber(os.getenv("FIRST_PAGE") or "1")
local last = tonumber(os.getenv("LAST_PAGE") or "1")
local threads = tonumber(os.getenv("THREADS") or "1")
local seed = tonumber(os.getenv("SEED") or "16")
local started = 0

function setup(thread)
    thread:set("number", started)
    started = started + 1
end

local page
function init(args)
    page = first + math.floor((last - first + 1) * number / threads)
    math.randomseed(seed * 1000 + number)
end

function request()
    if order == "random" then
        page = math.random(first, last)
    end
    local r = wrk.format(nil, wrk.path .. "&page=" .. page)
    if order ~= "random" then
        page = page + 1
        if page > last then
            page = first
        end
    end
    return r
end
