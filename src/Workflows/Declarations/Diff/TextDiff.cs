using System.Text;
using DiffPlex;

namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>Character-level diff of long texts with DiffPlex, cleaned up so that a rewritten phrase reads as one change.</summary>
public static class TextDiff
{
    /// <summary>Line endings are not a change a user made.</summary>
    public static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The spans turning <paramref name="oldText"/> into <paramref name="newText"/>; only equal spans when they are equal.</summary>
    public static IReadOnlyList<TextSpan> Spans(string? oldText, string? newText)
    {
        var before = Normalize(oldText);
        var after = Normalize(newText);
        var regions = Regions(before, after);
        AbsorbShortEqualities(regions);
        return ToSpans(regions);
    }

    /// <summary>A region is either unchanged text (Deleted == Inserted) or a change (deleted and inserted text).</summary>
    private sealed class Region(bool equal, string deleted, string inserted)
    {
        public bool Equal { get; } = equal;
        public StringBuilder Deleted { get; } = new(deleted);
        public StringBuilder Inserted { get; } = new(inserted);
        public int ChangeSize => Math.Max(Deleted.Length, Inserted.Length);
    }

    private static List<Region> Regions(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, TextElementChunker.Instance);
        var oldPieces = result.PiecesOld;
        var newPieces = result.PiecesNew;
        var regions = new List<Region>();
        var oldPosition = 0;
        foreach (var block in result.DiffBlocks)
        {
            AddEqual(regions, Join(oldPieces, oldPosition, block.DeleteStartA - oldPosition));
            AddChange(regions, Join(oldPieces, block.DeleteStartA, block.DeleteCountA), Join(newPieces, block.InsertStartB, block.InsertCountB));
            oldPosition = block.DeleteStartA + block.DeleteCountA;
        }
        AddEqual(regions, Join(oldPieces, oldPosition, oldPieces.Count - oldPosition));
        return regions;
    }

    private static void AddEqual(List<Region> regions, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (regions.Count > 0 && regions[^1].Equal)
        {
            regions[^1].Deleted.Append(text);
            regions[^1].Inserted.Append(text);
            return;
        }
        regions.Add(new Region(equal: true, text, text));
    }

    private static void AddChange(List<Region> regions, string deleted, string inserted)
    {
        if (deleted.Length == 0 && inserted.Length == 0)
        {
            return;
        }
        if (regions.Count > 0 && !regions[^1].Equal)
        {
            regions[^1].Deleted.Append(deleted);
            regions[^1].Inserted.Append(inserted);
            return;
        }
        regions.Add(new Region(equal: false, deleted, inserted));
    }

    /// <summary>
    /// Folds an unchanged run into its neighbouring changes when it is shorter than the changes on both sides (after
    /// the semantic clean-up of diff-match-patch): a scattered common 的 or 和 inside a rewritten sentence would
    /// otherwise chop it into fragments nobody can read, while a common phrase as long as a change stays visible.
    /// </summary>
    private static void AbsorbShortEqualities(List<Region> regions)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var i = 1; i + 1 < regions.Count; i++)
            {
                var (left, middle, right) = (regions[i - 1], regions[i], regions[i + 1]);
                if (!middle.Equal || left.Equal || right.Equal)
                {
                    continue;
                }
                var length = middle.Deleted.Length;
                if (length >= left.ChangeSize || length >= right.ChangeSize)
                {
                    continue;
                }
                left.Deleted.Append(middle.Deleted).Append(right.Deleted);
                left.Inserted.Append(middle.Inserted).Append(right.Inserted);
                regions.RemoveRange(i, 2);
                changed = true;
            }
        }
    }

    private static List<TextSpan> ToSpans(List<Region> regions)
    {
        var spans = new List<TextSpan>();
        foreach (var region in regions)
        {
            if (region.Equal)
            {
                spans.Add(new TextSpan(TextSpanKind.Equal, region.Deleted.ToString()));
                continue;
            }
            if (region.Deleted.Length > 0)
            {
                spans.Add(new TextSpan(TextSpanKind.Deleted, region.Deleted.ToString()));
            }
            if (region.Inserted.Length > 0)
            {
                spans.Add(new TextSpan(TextSpanKind.Inserted, region.Inserted.ToString()));
            }
        }
        return spans;
    }

    private static string Join(IReadOnlyList<string> pieces, int start, int count)
    {
        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            text.Append(pieces[i]);
        }
        return text.ToString();
    }
}
