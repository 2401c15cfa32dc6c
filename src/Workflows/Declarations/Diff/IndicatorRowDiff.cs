namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>Matches the indicator rows of two versions and lists what was added, removed or changed.</summary>
internal static class IndicatorRowDiff
{
    private sealed record Entry(IndicatorRow Row, int Index, (string Level1, string Level2) Category);

    /// <summary>
    /// Rows are matched within their category (一级 + 二级指标), because a row never means the same thing in another
    /// category — moving one is a removal plus an addition. Inside a category a row is matched first by its 三级指标 name
    /// (so reordering rows is no change); rows left over on both sides are then paired by their order among the
    /// left-overs, which is how a renamed row shows up as "changed" rather than as one removed and one added. Duplicate
    /// names pair up in order of appearance. Rows left unpaired after that were added or removed.
    /// </summary>
    public static List<IndicatorRowChange> Compare(IReadOnlyList<IndicatorRow> from, IReadOnlyList<IndicatorRow> to)
    {
        var fromEntries = Entries(from);
        var toEntries = Entries(to);
        var changes = new List<IndicatorRowChange>();
        foreach (var category in CategoriesInOrder(fromEntries, toEntries))
        {
            var olds = fromEntries.Where(e => e.Category == category).ToList();
            var news = toEntries.Where(e => e.Category == category).ToList();
            var pairs = new Dictionary<Entry, Entry>();

            foreach (var now in news)
            {
                var byName = olds.FirstOrDefault(o => !pairs.ContainsValue(o) && Key(o.Row.Name) == Key(now.Row.Name));
                if (byName is not null)
                {
                    pairs[now] = byName;
                }
            }
            var oldLeft = new Queue<Entry>(olds.Where(o => !pairs.ContainsValue(o)));
            foreach (var now in news.Where(n => !pairs.ContainsKey(n)).ToList())
            {
                if (oldLeft.Count > 0)
                {
                    pairs[now] = oldLeft.Dequeue();
                }
            }

            foreach (var now in news)
            {
                if (!pairs.TryGetValue(now, out var before))
                {
                    changes.Add(Change(IndicatorRowChangeKind.Added, category, now.Row.Name, null, now, []));
                    continue;
                }
                var cells = CellChanges(before.Row, now.Row);
                if (cells.Count > 0)
                {
                    changes.Add(Change(IndicatorRowChangeKind.Changed, category, now.Row.Name, before, now, cells));
                }
            }
            foreach (var removed in oldLeft)
            {
                changes.Add(Change(IndicatorRowChangeKind.Removed, category, removed.Row.Name, removed, null, []));
            }
        }
        return changes;
    }

    private static List<CellChange> CellChanges(IndicatorRow before, IndicatorRow after)
    {
        var cells = new List<CellChange>();
        if (Key(before.Name) != Key(after.Name))
        {
            cells.Add(new CellChange("name", "三级指标", before.Name, after.Name));
        }
        if (Key(before.Value) != Key(after.Value))
        {
            cells.Add(new CellChange("value", "指标值", before.Value, after.Value));
        }
        if (TextDiff.Normalize(before.Explanation) != TextDiff.Normalize(after.Explanation))
        {
            cells.Add(new CellChange("explanation", "指标解释", before.Explanation, after.Explanation,
                TextDiff.Spans(before.Explanation, after.Explanation)));
        }
        if (before.NotApplicable != after.NotApplicable)
        {
            cells.Add(new CellChange("notApplicable", "不适用", FormDisplay.YesNo(before.NotApplicable), FormDisplay.YesNo(after.NotApplicable)));
        }
        return cells;
    }

    private static IndicatorRowChange Change(
        IndicatorRowChangeKind kind, (string Level1, string Level2) category, string name, Entry? before, Entry? after, List<CellChange> cells) =>
        new(kind, category.Level1, category.Level2, name, before?.Index, after?.Index, Cells(before), Cells(after), cells);

    private static IndicatorRowCells? Cells(Entry? entry) =>
        entry is null ? null : new(entry.Row.Name, entry.Row.Value, entry.Row.Explanation, entry.Row.NotApplicable);

    private static List<Entry> Entries(IReadOnlyList<IndicatorRow> rows) =>
        [.. rows.Select((row, index) => new Entry(row, index, Category(row)))];

    /// <summary>Skeleton categories in form order, then any unknown category in order of appearance.</summary>
    private static IEnumerable<(string Level1, string Level2)> CategoriesInOrder(List<Entry> from, List<Entry> to)
    {
        var seen = to.Concat(from).Select(e => e.Category).Distinct().ToList();
        return seen
            .Select((category, appearance) => (category, appearance, rank: SkeletonRank(category)))
            .OrderBy(c => c.rank).ThenBy(c => c.appearance)
            .Select(c => c.category);
    }

    private static int SkeletonRank((string Level1, string Level2) category)
    {
        for (var i = 0; i < IndicatorSkeleton.Categories.Count; i++)
        {
            var known = IndicatorSkeleton.Categories[i];
            if (known.Level1 == category.Level1 && known.Level2 == category.Level2)
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    private static (string Level1, string Level2) Category(IndicatorRow row)
    {
        var level2 = IndicatorSkeleton.Find(row.Level2)?.Level2 ?? row.Level2.Trim();
        return (row.Level1.Trim(), level2);
    }

    /// <summary>Surrounding spaces in a cell are not a change anyone made on purpose.</summary>
    private static string Key(string? cell) => (cell ?? "").Trim();
}
