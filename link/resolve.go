package link

import (
	"context"
	"crypto/md5"
	"database/sql"
	"encoding/hex"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

// node is one distinct identity seen on a side of a transaction.
type node struct {
	key, phone, account, nameKey, name string
	n                                  int
	form                               nameForm
}

// ident is what names a node's party: its phone, else account, else name
// key, as parties were named before resolution merged anything, so a
// party's id stays the same while nothing merges into it.
func (n *node) ident() string {
	switch {
	case n.phone != "":
		return n.phone
	case n.account != "":
		return n.account
	}
	return "name:" + n.nameKey
}

// resolve merges nodes into parties: records that share an account are one
// party; records that share a phone are one party when their names are
// compatible, and associates when not. It writes link_party (node ->
// party) and link_evidence (why, and the associates), and returns each
// node's party, numbered, and the parties' ids.
func resolve(ctx context.Context, tx *store.Tx, nodes []*node, share rarity) ([]int32, []string, error) {
	parent := make([]int, len(nodes))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	why := map[int][]string{} // by node, moved to the root at the end
	union := func(a, b int, reason string) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		parent[rb] = ra
		why[ra] = append(append(why[ra], why[rb]...), reason)
		delete(why, rb)
	}
	byAccount, byPhone := map[string][]int{}, make(map[string][]int, len(nodes))
	for i, n := range nodes {
		if n.account != "" {
			byAccount[n.account] = append(byAccount[n.account], i)
		}
		if n.phone != "" {
			byPhone[n.phone] = append(byPhone[n.phone], i)
		}
	}
	// Only identifiers shared by two or more nodes merge anything.
	for k, ids := range byAccount {
		if len(ids) < 2 {
			delete(byAccount, k)
		}
	}
	for k, ids := range byPhone {
		if len(ids) < 2 {
			delete(byPhone, k)
		}
	}
	for _, acct := range sortedKeys(byAccount) {
		ids := byAccount[acct]
		for _, j := range ids[1:] {
			union(ids[0], j, fmt.Sprintf("account %s shared by %q and %q", acct, nodes[ids[0]].name, nodes[j].name))
		}
	}
	type pair struct{ a, b int }
	var associates []pair
	for _, phone := range sortedKeys(byPhone) {
		ids := byPhone[phone]
		for x := 1; x < len(ids); x++ {
			for y := range x {
				a, b := nodes[ids[y]], nodes[ids[x]]
				if compatible(a.form, b.form, share) {
					union(ids[y], ids[x], fmt.Sprintf("phone %s with names %q ~ %q", phone, a.name, b.name))
				} else {
					associates = append(associates, pair{ids[y], ids[x]})
				}
			}
		}
	}

	// A party is named by the least identity among its nodes.
	rep := make([]string, len(nodes)) // by root
	for i := range nodes {
		r := find(i)
		if id := nodes[i].ident(); rep[r] == "" || id < rep[r] {
			rep[r] = id
		}
	}
	idOf := make([]string, len(nodes)) // by root
	partyOf := func(i int) string {
		r := find(i)
		if id := idOf[r]; id != "" {
			return id
		}
		sum := md5.Sum([]byte(rep[r]))
		id := "P" + hex.EncodeToString(sum[:])[:16]
		idOf[r] = id
		return id
	}
	assoc := map[string][]string{}
	for _, p := range associates {
		a, b := partyOf(p.a), partyOf(p.b)
		if a != b {
			assoc[a] = append(assoc[a], b)
			assoc[b] = append(assoc[b], a)
		}
	}

	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE link_party (node VARCHAR, party_id VARCHAR);
		CREATE OR REPLACE TEMP TABLE link_evidence (party_id VARCHAR, evidence VARCHAR, associates VARCHAR[])`); err != nil {
		return nil, nil, err
	}
	// Parties are numbered in the order of their first node; two roots
	// can share an id (associates on one phone are named by it), and are
	// then one party, as in the tables.
	party := make([]int32, len(nodes))
	var ids []string
	number := make(map[string]int32, len(nodes))
	err := tx.Append(ctx, "link_party", func(a *duckdb.Appender) error {
		for i, n := range nodes {
			id := partyOf(i)
			k, ok := number[id]
			if !ok {
				k = int32(len(ids))
				number[id] = k
				ids = append(ids, id)
			}
			party[i] = k
			if err := a.AppendRow(n.key, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = tx.Append(ctx, "link_evidence", func(a *duckdb.Appender) error {
		for root, reasons := range why {
			if err := a.AppendRow(partyOf(root), strings.Join(reasons, "\n"), []string{}); err != nil {
				return err
			}
		}
		for p, others := range assoc {
			slices.Sort(others)
			if err := a.AppendRow(p, nil, slices.Compact(others)); err != nil {
				return err
			}
		}
		return nil
	})
	return party, ids, err
}

func readNodes(ctx context.Context, tx *store.Tx) ([]*node, error) {
	rows, err := tx.QueryContext(ctx, `SELECT node, phone, account, name_key, name, n FROM link_nodes ORDER BY node`)
	if err != nil {
		return nil, fmt.Errorf("read identities: %w", err)
	}
	defer rows.Close()
	var out []*node
	for rows.Next() {
		var phone, account, key, name sql.NullString
		n := &node{}
		if err := rows.Scan(&n.key, &phone, &account, &key, &name, &n.n); err != nil {
			return nil, err
		}
		n.phone, n.account, n.nameKey, n.name = phone.String, account.String, key.String, name.String
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The names' forms, on every core.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			parts := partCache{}
			for i := w; i < len(out); i += workers {
				out[i].form = parts.formOf(out[i].name, out[i].nameKey)
			}
		})
	}
	wg.Wait()
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
