using Microsoft.Playwright;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>The route diagram on /help renders as SVG in the browser, at desktop and phone width (issue 14).</summary>
public sealed class RouteDiagramTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData(1366, 768, "40-help-diagram-1366")]
    [InlineData(390, 844, "41-help-diagram-390")]
    public async Task Help_RendersTheRouteDiagram_WithoutPageHorizontalScroll(int width, int height, string screenshot)
    {
        var page = await portal.SignInAsync("office");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/help");

        var diagram = page.Locator("svg.route-diagram[data-route=declaration]");
        await Assertions.Expect(diagram).ToBeVisibleAsync();
        foreach (var (_, label) in StageLabels.InRouteOrder)
        {
            await Assertions.Expect(diagram.Locator("g.route-stage text", new() { HasTextString = label }).First).ToBeVisibleAsync();
        }
        var box = await diagram.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height > 300, $"the diagram is drawn ({box.Width}×{box.Height})");
        await PortalFixture.ScreenshotAsync(page, screenshot);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"/help is {widths[0]} px wide on a {widths[1]} px screen: it scrolls sideways.");
        await page.Context.DisposeAsync();
    }
}
