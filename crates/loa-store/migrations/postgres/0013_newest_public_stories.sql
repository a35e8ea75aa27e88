-- Lists of the newest public stories across sections (the front page's
-- "latest", the video section, the API's story list) walk this index in
-- order and stop after a page, instead of sorting every edition of the
-- language: at 100,000 editions that sort took 25-30 ms a list.
CREATE INDEX articles_public_newest ON articles(state, published_at, id);
