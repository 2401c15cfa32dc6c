using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace PerfWorkflow.Api.Pages.Office;

/// <summary>A horizontal bar chart drawn as inline SVG on the server: every bar has a text label and its number.</summary>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<BarChart.Bar> Bars, string Tone = "")
{
    public sealed record Bar(string Label, int Value);

    private const int LabelWidth = 120;
    private const int BarArea = 360;
    private const int RowHeight = 30;

    /// <summary>The SVG element; titled and described for screen readers, every value also written as text.</summary>
    public IHtmlContent ToSvg(HtmlEncoder e)
    {
        var width = LabelWidth + BarArea + 60;
        var height = (Math.Max(1, Bars.Count) * RowHeight) + 10;
        var max = Bars.Count == 0 ? 0 : Bars.Max(b => b.Value);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg role=\"img\" aria-labelledby=\"{Id}-title {Id}-desc\" viewBox=\"0 0 {width} {height}\" class=\"bars {e.Encode(Tone)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Id}-title\">{e.Encode(Title)}</title><desc id=\"{Id}-desc\">{e.Encode(Description)}</desc>");
        if (Bars.Count == 0)
        {
            svg.Append("<text x=\"0\" y=\"20\" class=\"chart-empty\">暂无数据</text>");
        }
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var y = (i * RowHeight) + 5;
            // The longest bar fills the area; a non-zero bar stays visible.
            var length = max == 0 || bar.Value == 0 ? 0 : Math.Max(3, bar.Value * BarArea / max);
            svg.Append(CultureInfo.InvariantCulture,
                $"<g><text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"chart-label\">{e.Encode(bar.Label)}</text>"
                + $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length}\" height=\"{RowHeight - 8}\" rx=\"2\" class=\"chart-bar\"></rect>"
                + $"<text x=\"{LabelWidth + length + 6}\" y=\"{y + 17}\" class=\"chart-value\">{bar.Value}</text></g>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
