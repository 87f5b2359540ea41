package app

import (
	"context"
	"sync"
)

const (
	// pageSize rows are fetched per store query: a screenful is ~30 rows, so
	// one query serves several screens of scrolling.
	pageSize = 200
	// maxPages bounds the cache; a long scroll through 100,000 contracts
	// keeps only the pages around the viewport in memory.
	maxPages = 16
	// maxFetches bounds the queries one list runs at a time.
	maxFetches = 2
	// prefetchMargin is how close to a page's edge a drawn row makes the
	// neighbouring page load: about two screens.
	prefetchMargin = 60
)

// fetchFunc returns limit rows of a list from offset and the total count of
// the list, with the filter and sort order already bound in.
type fetchFunc[T any] func(ctx context.Context, offset, limit int) ([]T, int, error)

// pager feeds a table from an in-memory cache of pages that it fills on
// demand in the background: the table asks for rows while it draws, and a
// row not yet loaded is shown blank until its page arrives. The store does
// the filtering, sorting and paging; nothing here holds the whole list.
//
// Table callbacks run on the UI goroutine, as do the results applied by
// tasks; the mutex only matters under the test driver, which applies
// results on the worker goroutine.
type pager[T any] struct {
	ctx    context.Context
	tasks  *tasks
	onLoad func(err error) // on the UI goroutine, after a page arrives or fails
	slots  chan struct{}   // fetch slots, see maxFetches

	mu        sync.Mutex
	fetch     fetchFunc[T]
	gen       int // bumped by reset; results of older queries are dropped
	total     int
	pages     map[int][]T
	loading   map[int]bool
	replacing bool // a reset is pending: keep showing the old rows meanwhile
	wanted    int  // the page the table asked for last
}

func newPager[T any](ctx context.Context, t *tasks, onLoad func(error)) *pager[T] {
	return &pager[T]{ctx: ctx, tasks: t, onLoad: onLoad, slots: make(chan struct{}, maxFetches),
		pages: map[int][]T{}, loading: map[int]bool{}}
}

// reset starts a new query. The old rows stay visible until its first page
// arrives, so filtering does not flash an empty table.
func (p *pager[T]) reset(fetch fetchFunc[T]) {
	p.mu.Lock()
	p.fetch = fetch
	p.gen++
	p.loading = map[int]bool{}
	p.replacing = true
	p.wanted = 0
	p.loading[0] = true
	gen := p.gen
	p.mu.Unlock()
	p.fetchPage(gen, 0, fetch)
}

// len is the number of rows in the current list.
func (p *pager[T]) len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.total
}

// row returns row i if its page is cached, else starts loading the page and
// reports false. Drawing a row near the edge of its page fetches the next
// page ahead, so steady scrolling does not show blank rows.
func (p *pager[T]) row(i int) (T, bool) {
	page, off := i/pageSize, i%pageSize
	p.mu.Lock()
	rows, ok := p.pages[page]
	replacing := p.replacing
	if !replacing {
		p.wanted = page
	}
	p.mu.Unlock()
	if !ok || off >= len(rows) {
		if !replacing {
			p.load(page)
		}
		var zero T
		return zero, false
	}
	if !replacing {
		switch {
		case off >= pageSize-prefetchMargin:
			p.load(page + 1)
		case off < prefetchMargin && page > 0:
			p.load(page - 1)
		}
	}
	return rows[off], true
}

// peek returns row i if its page is cached, loading nothing.
func (p *pager[T]) peek(i int) (T, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rows := p.pages[i/pageSize]
	if i%pageSize >= len(rows) {
		var zero T
		return zero, false
	}
	return rows[i%pageSize], true
}

// load fetches a page of the list unless it is cached or on its way.
func (p *pager[T]) load(page int) {
	p.mu.Lock()
	_, cached := p.pages[page]
	if cached || p.loading[page] || page*pageSize >= p.total {
		p.mu.Unlock()
		return
	}
	p.loading[page] = true
	gen, fetch := p.gen, p.fetch
	p.mu.Unlock()
	p.fetchPage(gen, page, fetch)
}

// fetchPage queries a page in the background and files it; the page is
// already marked as loading.
func (p *pager[T]) fetchPage(gen, page int, fetch fetchFunc[T]) {

	p.tasks.run(func() func() {
		p.slots <- struct{}{}
		defer func() { <-p.slots }()
		if !p.stillWanted(gen, page) {
			return nil
		}
		rows, total, err := fetch(p.ctx, page*pageSize, pageSize)
		return func() {
			if p.store(gen, page, rows, total, err) {
				p.onLoad(err)
			}
		}
	})
}

// stillWanted reports whether a page waiting for a fetch slot is still worth
// the query. A fast scroll asks for every page it passes; only those near
// where it stopped are fetched, and any other is asked for again if drawn.
func (p *pager[T]) stillWanted(gen, page int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen == p.gen && page >= p.wanted-1 && page <= p.wanted+1 {
		return true
	}
	if gen == p.gen {
		delete(p.loading, page)
	}
	return false
}

// store files a fetched page; it reports false for a stale result.
func (p *pager[T]) store(gen, page int, rows []T, total int, err error) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen != p.gen {
		return false
	}
	delete(p.loading, page)
	if err != nil {
		return true
	}
	if p.replacing {
		p.pages = map[int][]T{}
		p.replacing = false
	}
	p.pages[page] = rows
	p.total = total
	p.evict(page)
	return true
}

// evict drops the pages farthest from the one just loaded once the cache is
// full; they are the least likely to be drawn next.
func (p *pager[T]) evict(current int) {
	for len(p.pages) > maxPages {
		far, dist := -1, -1
		for k := range p.pages {
			d := k - current
			if d < 0 {
				d = -d
			}
			if d > dist {
				far, dist = k, d
			}
		}
		delete(p.pages, far)
	}
}
