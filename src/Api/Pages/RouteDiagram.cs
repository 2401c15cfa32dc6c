using System.Globalization;
using System.Net;
using System.Text;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages;

/// <summary>
/// The declaration route drawn as inline SVG on the server from <see cref="DeclarationRoute.Edges"/> and
/// <see cref="StageLabels"/>, so the picture cannot drift from the machine (no script, no CDN: CSP-safe).
/// Main stages form a column in route order; forward arrows run down the column, return arrows (to an earlier stage)
/// are dashed lanes on the left, and arrows to and from the side stage 不纳入汇总 run on the right.
/// </summary>
public static class RouteDiagram
{
    private const int BoxLeft = 300, BoxWidth = 200, BoxHeight = 44, RowGap = 96, Top = 16;
    private const int SideLeft = 620, SideWidth = 150, Width = 790;

    public static string Svg()
    {
        var edges = DeclarationRoute.Edges();
        var main = StageLabels.InRouteOrder
            .Select(p => Enum.Parse<DeclarationStage>(p.Key))
            .Where(s => s != DeclarationStage.Excluded)
            .ToList();
        int Row(DeclarationStage s) => main.IndexOf(s);
        double Y(int row) => Top + row * RowGap;
        var sideY = Y(1);
        var height = (int)Y(main.Count - 1) + BoxHeight + Top;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"route-diagram\" role=\"img\" aria-labelledby=\"route-diagram-title\" viewBox=\"0 0 {Width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title id=\"route-diagram-title\">申报表流程图</title>");
        svg.Append("<defs><marker id=\"route-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#334\"/></marker>");
        svg.Append("<marker id=\"route-arrow-back\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#b54\"/></marker></defs>");

        foreach (var stage in main)
        {
            Box(svg, stage, BoxLeft, Y(Row(stage)), BoxWidth);
        }
        Box(svg, DeclarationStage.Excluded, SideLeft, sideY, SideWidth);

        var lane = 0;
        var exitsPerSource = new Dictionary<DeclarationStage, int>();
        var sideIn = 0;
        foreach (var edge in edges)
        {
            var from = Row(edge.From);
            var to = Row(edge.To);
            if (from >= 0 && to == from + 1)
            {
                // Forward, down the column.
                var x = BoxLeft + BoxWidth / 2.0;
                Line(svg, $"M{F(x)},{F(Y(from) + BoxHeight)} L{F(x)},{F(Y(to))}", back: false, edge.Trigger);
                Label(svg, x + 8, (Y(from) + BoxHeight + Y(to)) / 2 + 5, edge.Label, "start", back: false, edge.Trigger);
            }
            else if (from >= 0 && to >= 0 && to < from)
            {
                // Return: a dashed lane on the left, labelled at the row it leaves.
                var n = exitsPerSource.GetValueOrDefault(edge.From);
                exitsPerSource[edge.From] = n + 1;
                var laneX = BoxLeft - 16 - lane++ * 14;
                var exitY = Y(from) + 14 + n * 16;
                var entryY = Y(to) + 8 + Math.Min(lane, 5) * 6;
                Line(svg, $"M{BoxLeft},{F(exitY)} L{F(laneX)},{F(exitY)} L{F(laneX)},{F(entryY)} L{BoxLeft},{F(entryY)}", back: true, edge.Trigger);
                Label(svg, BoxLeft - 16 - 6 * 14 - 8, exitY + 4, edge.Label, "end", back: true, edge.Trigger);
            }
            else if (to < 0 && from >= 0)
            {
                // Into the side stage.
                var exitY = Y(from) + BoxHeight - 12;
                var entryY = sideY + 8 + sideIn++ * 10;
                Line(svg, $"M{BoxLeft + BoxWidth},{F(exitY)} L{SideLeft},{F(entryY)}", back: false, edge.Trigger);
                Label(svg, BoxLeft + BoxWidth + 8, entryY < exitY ? exitY + 14 : exitY - 4, edge.Label, "start", back: false, edge.Trigger, small: true);
            }
            else
            {
                // Out of the side stage (back into the column, on the right).
                var targetY = to >= 0 ? Y(to) + 12 : sideY;
                var x = SideLeft + SideWidth / 2.0;
                Line(svg, $"M{F(x)},{F(sideY)} L{F(x)},{F(targetY)} L{BoxLeft + BoxWidth},{F(targetY)}", back: true, edge.Trigger);
                Label(svg, x - 6, targetY - 6, edge.Label, "end", back: true, edge.Trigger, small: true);
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Box(StringBuilder svg, DeclarationStage stage, double x, double y, int width)
    {
        var label = WebUtility.HtmlEncode(StageLabels.For(stage.ToString()));
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"route-stage\" data-stage=\"{stage}\"><rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{width}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"#eef3fb\" stroke=\"#2b5797\" stroke-width=\"1.5\"/>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F(x + width / 2.0)}\" y=\"{F(y + BoxHeight / 2.0 + 6)}\" text-anchor=\"middle\" font-size=\"17\" fill=\"#112\">{label}</text></g>");
    }

    private static void Line(StringBuilder svg, string path, bool back, DeclarationTrigger trigger) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<path class=\"route-edge{(back ? " route-edge-return" : "")}\" data-trigger=\"{trigger}\" d=\"{path}\" fill=\"none\" stroke=\"{(back ? "#b54" : "#334")}\" stroke-width=\"1.5\"{(back ? " stroke-dasharray=\"6 4\"" : "")} marker-end=\"url(#{(back ? "route-arrow-back" : "route-arrow")})\"/>");

    private static void Label(StringBuilder svg, double x, double y, string text, string anchor, bool back, DeclarationTrigger trigger, bool small = false) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"route-edge-label\" data-trigger=\"{trigger}\" x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"{(small ? 12 : 14)}\" fill=\"{(back ? "#933" : "#223")}\">{WebUtility.HtmlEncode(text)}</text>");

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
