using System.Net;
using System.Text.RegularExpressions;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests.Pages;

/// <summary>The help page draws the route as inline SVG from the state machine itself (issue 14).</summary>
public sealed partial class HelpPageTests
{
    [Fact]
    public async Task Help_DrawsTheDeclarationRouteAsSvg_WithABoxPerStage_AndALabelledArrowPerPermittedTrigger()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");

        var html = await office.GetStringAsync("/help");

        var svg = SvgPattern().Match(html);
        Assert.True(svg.Success, "the help page carries an inline <svg> route diagram");
        var drawn = svg.Value;
        foreach (var stage in Enum.GetValues<DeclarationStage>())
        {
            var label = WebUtility.HtmlEncode(StageLabels.For(stage.ToString()));
            Assert.Matches($"<g class=\"route-stage\" data-stage=\"{stage}\">.*?>{Regex.Escape(label)}</text></g>", drawn);
        }

        // Expected edges: every trigger each stage permits to someone, asked of the route itself (any role, any section).
        var expected = new HashSet<(DeclarationStage, DeclarationTrigger)>();
        foreach (var stage in Enum.GetValues<DeclarationStage>())
        {
            foreach (var role in Enum.GetValues<UserRole>())
            {
                var declaration = new Declaration { SectionId = "gy", Stage = stage };
                var route = new DeclarationRoute(declaration, new Actor(Guid.NewGuid(), "someone", role, "gy"));
                foreach (var trigger in route.PermittedTriggers)
                {
                    expected.Add((stage, trigger));
                }
            }
        }
        Assert.NotEmpty(expected);
        var labels = EdgeLabelPattern().Matches(drawn).Select(m => (m.Groups["trigger"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value))).ToList();
        foreach (var (stage, trigger) in expected)
        {
            var edge = Assert.Single(DeclarationRoute.Edges(), e => e.From == stage && e.Trigger == trigger);
            Assert.False(string.IsNullOrWhiteSpace(edge.Label));
            Assert.Contains((trigger.ToString(), edge.Label), labels);
        }
        Assert.Equal(DeclarationRoute.Edges().Count, labels.Count);
        // Returns are drawn distinctly (dashed).
        Assert.Contains("route-edge route-edge-return\" data-trigger=\"ReturnToSection\"", drawn, StringComparison.Ordinal);
        // The table stays as the text alternative.
        Assert.Contains("<th scope=\"col\">操作（谁可以做）</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DrawsThePackageRouteAsSvg_FromItsStateMachine_WithEveryEdgeIncludingTheRepeatedReturn()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");

        var html = await office.GetStringAsync("/help");

        var svg = PackageSvgPattern().Match(html);
        Assert.True(svg.Success, "the help page carries the package route as an inline <svg>");
        var drawn = svg.Value;
        foreach (var stage in Enum.GetValues<PackageStage>())
        {
            var label = WebUtility.HtmlEncode(PerfWorkflow.Workflows.Packages.PackageWorkflow.StageLabel(stage));
            Assert.Matches($"<g class=\"route-stage\" data-stage=\"{stage}\">.*?>{Regex.Escape(label)}</text></g>", drawn);
        }
        var edges = PackageRoute.Edges();
        // Read from the machine: every stage's permitted triggers for some role appear as an edge (the re-entry too).
        Assert.Contains(edges, e => e is { From: PackageStage.FinanceReviewing, To: PackageStage.FinanceReviewing, Trigger: PackageTrigger.FinanceReturn });
        foreach (var stage in Enum.GetValues<PackageStage>())
        {
            foreach (var role in Enum.GetValues<UserRole>())
            {
                var route = new PackageRoute(new PerfWorkflow.Workflows.Packages.Package { Stage = stage }, new Actor(Guid.NewGuid(), "someone", role, null));
                foreach (var trigger in route.PermittedTriggers)
                {
                    Assert.Contains(edges, e => e.From == stage && e.Trigger == trigger);
                }
            }
        }
        var labels = EdgeLabelPattern().Matches(drawn).Select(m => (m.Groups["trigger"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value))).ToList();
        Assert.Equal(edges.Select(e => (e.Trigger.ToString(), e.Label)).OrderBy(e => e), labels.OrderBy(e => e));
        Assert.DoesNotContain("route-stage current", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg class=\"route-diagram\" data-route=\"package\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex PackageSvgPattern();

    [GeneratedRegex("<svg class=\"route-diagram\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();

    [GeneratedRegex("<text class=\"route-edge-label\" data-trigger=\"(?<trigger>\\w+)\"[^>]*>(?<text>[^<]+)</text>")]
    private static partial Regex EdgeLabelPattern();
}
