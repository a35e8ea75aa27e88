-- wrk script for bench/web/run --editions: each request asks for the next
-- path of a list (one root-relative path a line, the file named after
-- `--`), so a run walks an archive instead of one page. Each wrk thread
-- starts at its own place in the list, so the threads do not ask for the
-- same page at the same moment.

local threads = 0

function setup(thread)
    thread:set("thread_number", threads)
    threads = threads + 1
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if line ~= "" then
            paths[#paths + 1] = line
        end
    end
    if #paths == 0 then
        error("no paths in " .. tostring(args[1]))
    end
    next_path = (thread_number * 7919) % #paths
end

function request()
    next_path = next_path % #paths + 1
    return wrk.format("GET", paths[next_path])
end
