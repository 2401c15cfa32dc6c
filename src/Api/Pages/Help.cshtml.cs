using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages;

/// <summary>The routes as diagrams and tables, read from the same Mermaid export the API serves (one source: the state machines).</summary>
public sealed class HelpModel : PageModel
{
    public sealed record Transition(string From, string To, string Label);

    public IReadOnlyList<Transition> Declaration { get; } = Parse(DeclarationRoute.ToMermaid());

    public IReadOnlyList<Transition> Package { get; } = Parse(PackageRoute.ToMermaid());

    /// <summary>The declaration route as inline SVG, drawn from the state machine (<see cref="RouteDiagram"/>).</summary>
    public string DeclarationDiagram { get; } = RouteDiagram.Svg();

    /// <summary>The package route as inline SVG, drawn from its state machine the same way.</summary>
    public string PackageDiagram { get; } = RouteDiagram.PackageSvg();

    public void OnGet()
    {
    }

    private static List<Transition> Parse(string mermaid)
    {
        var rows = new List<Transition>();
        foreach (var line in mermaid.Split('\n', StringSplitOptions.TrimEntries))
        {
            var arrow = line.IndexOf("-->", StringComparison.Ordinal);
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (arrow < 0 || colon < arrow)
            {
                continue;
            }
            var from = line[..arrow].Trim();
            var to = line[(arrow + 3)..colon].Trim();
            var label = line[(colon + 1)..].Trim();
            var open = label.IndexOf('[', StringComparison.Ordinal);
            var described = open >= 0 ? label[(open + 1)..].TrimEnd(']') : label;
            rows.Add(new Transition(Stage(from), Stage(to), described));
        }
        return rows;
    }

    private static string Stage(string name) => StageLabels.TryGet(name, out var label) ? label : Office.OfficeDisplay.PackageStage(name);
}
