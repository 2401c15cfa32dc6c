using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Tasks;

namespace PerfWorkflow.Api.Pages.Tasks;

/// <summary>待办/已办: open tasks this user may work on, and the ones they completed.</summary>
public sealed class IndexModel(TaskList tasks) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = "open";

    public bool Open => State != "done";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    public IReadOnlyList<TaskItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!TaskList.SortKeys.Contains(Sort ?? ""))
        {
            Sort = null;
        }
        Items = TaskList.SearchAndSort(await tasks.ForAsync(HttpContext.ToActor(), Open, ct), Q, Sort, Desc);
    }

    /// <summary>A column header's link: keeps the tab and the search; the first click sorts ascending, the next descending.</summary>
    public Dictionary<string, string> SortRoute(string key)
    {
        var values = new Dictionary<string, string> { ["state"] = State, ["sort"] = key };
        if (!string.IsNullOrEmpty(Q))
        {
            values["q"] = Q;
        }
        if (Sort == key && !Desc)
        {
            values["desc"] = "true";
        }
        return values;
    }

    public string? AriaSort(string key) => Sort == key ? (Desc ? "descending" : "ascending") : null;
}
