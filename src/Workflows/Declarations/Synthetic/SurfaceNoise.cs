using System.Text;

namespace PerfWorkflow.Workflows.Declarations.Synthetic;

/// <summary>Rewrites a 指标值 the way people type it (≧, ％, ＜, full-width digits) without changing what it parses to.</summary>
internal static class SurfaceNoise
{
    public static string Apply(string value, Random random)
    {
        var builder = new StringBuilder(value.Length);
        var widenDigits = random.Next(2) == 0;
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '≥' => random.Next(2) == 0 ? '≧' : '≥',
                '≤' => random.Next(2) == 0 ? '≦' : '≤',
                '<' => '＜',
                '%' => '％',
                >= '0' and <= '9' when widenDigits => (char)(c + 0xFEE0),
                _ => c,
            });
        }
        return builder.ToString();
    }
}
