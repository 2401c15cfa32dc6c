namespace PerfWorkflow.Api.Pages;

/// <summary>
/// One page of a list and the links to its neighbours (rendered by <c>_Pager</c>). The page number is clamped to the
/// pages there are, so a stale link past the end shows the last page.
/// </summary>
public sealed class Pager
{
    public Pager(int requested, int total, int pageSize, Func<int, string> href, string label, string? note = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        PageSize = pageSize;
        Total = total;
        PageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        PageNumber = Math.Clamp(requested, 1, PageCount);
        Href = href;
        Label = label;
        Note = note;
    }

    public int PageNumber { get; }

    public int PageCount { get; }

    public int PageSize { get; }

    public int Total { get; }

    /// <summary>The link to another page (same filters and sort).</summary>
    public Func<int, string> Href { get; }

    /// <summary>aria-label of the navigation.</summary>
    public string Label { get; }

    /// <summary>Shown after "第 n / m 页".</summary>
    public string? Note { get; }

    /// <summary>Rows to skip before the current page.</summary>
    public int Skip => (PageNumber - 1) * PageSize;
}
