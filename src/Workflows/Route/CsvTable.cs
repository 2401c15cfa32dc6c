using System.Globalization;
using System.Text;

namespace PerfWorkflow.Workflows.Route;

/// <summary>A table as CSV that Excel opens correctly: UTF-8 with a BOM (for the Chinese), every field quoted.</summary>
public static class CsvTable
{
    public static byte[] ToBytes(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', header.Select(Field)));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(',', row.Select(Field)));
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Quotes a field and defuses formula prefixes, so that a name like "=1+1" stays text in Excel.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !decimal.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
