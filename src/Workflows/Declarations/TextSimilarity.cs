namespace PerfWorkflow.Workflows.Declarations;

/// <summary>Similarity of two text fields for DUPLICATE_TEXT: 1 − edit distance / longer length, on a normalised key.</summary>
internal static class TextSimilarity
{
    /// <summary>The comparison key: NFKC text without whitespace and punctuation.</summary>
    public static string Key(string normalized)
    {
        var buffer = new char[normalized.Length];
        var length = 0;
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = c;
            }
        }
        return new string(buffer, 0, length);
    }

    /// <summary>True when the similarity of the keys is at least <paramref name="threshold"/>; banded, so cheap when they differ.</summary>
    public static bool AtLeast(string a, string b, double threshold)
    {
        if (a == b)
        {
            return true;
        }
        var longer = Math.Max(a.Length, b.Length);
        var budget = (int)Math.Floor(longer * (1 - threshold) + 1e-9);
        if (Math.Abs(a.Length - b.Length) > budget)
        {
            return false;
        }
        // Near-duplicates differ in a few places: the shared head and tail cost nothing and are cut off first.
        var prefix = a.AsSpan().CommonPrefixLength(b);
        var x = a.AsSpan(prefix);
        var y = b.AsSpan(prefix);
        var suffix = 0;
        while (suffix < x.Length && suffix < y.Length && x[x.Length - 1 - suffix] == y[y.Length - 1 - suffix])
        {
            suffix++;
        }
        x = x[..^suffix];
        y = y[..^suffix];
        if ((long)Math.Max(x.Length, y.Length) * (2L * budget + 1) > MaxCells)
        {
            // Too much work for an exact answer on huge fields: the differing middle alone decides, conservatively.
            return Math.Max(x.Length, y.Length) <= budget;
        }
        return BoundedDistance(x, y, budget) <= budget;
    }

    private const long MaxCells = 4_000_000;

    // Levenshtein distance restricted to a diagonal band of width 2·budget+1; returns budget+1 when it exceeds the budget.
    private static int BoundedDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int budget)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        var outside = budget + 1;
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j <= budget ? j : outside;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - budget);
            var to = Math.Min(b.Length, i + budget);
            current[0] = i <= budget ? i : outside;
            if (from > 1)
            {
                current[from - 1] = outside;
            }
            var rowMin = current[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                current[j] = Math.Min(value, outside);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (to < b.Length)
            {
                current[to + 1] = outside;
            }
            if (rowMin > budget)
            {
                return outside;
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
