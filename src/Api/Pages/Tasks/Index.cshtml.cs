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

    public IReadOnlyList<TaskItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await tasks.ForAsync(HttpContext.ToActor(), Open, ct);
}
