namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Reads the text-extracted format of DOMAIN.md §4 (pdftotext of the finance system's PDF export) into forms. A block
/// starts at a line <c>二级项目支出绩效目标申报表</c>; a block that cannot be read becomes an error naming its line and
/// the other blocks still import.
/// </summary>
public static class TextFormReader
{
    public const string Title = "二级项目支出绩效目标申报表";

    public static ImportResult ReadFile(string path)
    {
        var decoded = TextFileDecoder.DecodeFile(path);
        return decoded.Text is null ? ImportResult.Failed(decoded.Error!) : Read(decoded.Text);
    }

    public static ImportResult Read(ReadOnlySpan<byte> bytes)
    {
        var decoded = TextFileDecoder.Decode(bytes);
        return decoded.Text is null ? ImportResult.Failed(decoded.Error!) : Read(decoded.Text);
    }

    public static ImportResult Read(string text)
    {
        var lines = SplitLines(text);
        var starts = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].AsSpan().Trim().SequenceEqual(Title))
            {
                starts.Add(i);
            }
        }
        if (starts.Count == 0)
        {
            return ImportResult.Failed($"没有找到申报表标题“{Title}”：文件不是申报表 PDF 导出的文本，无法导入。");
        }
        var forms = new List<ImportedForm>(starts.Count);
        var errors = new List<ImportError>();
        var firstText = Array.FindIndex(lines, 0, starts[0], line => !string.IsNullOrWhiteSpace(line));
        if (firstText >= 0)
        {
            errors.Add(new ImportError(firstText + 1, $"第{firstText + 1}行：第一张申报表标题之前的文字不属于任何申报表，未导入。"));
        }
        for (var b = 0; b < starts.Count; b++)
        {
            var end = b + 1 < starts.Count ? starts[b + 1] : lines.Length;
            var block = new FormBlockReader(lines, starts[b], end);
            if (block.Read() is { } form)
            {
                forms.Add(form);
            }
            else
            {
                errors.Add(new ImportError(starts[b] + 1, block.Error!));
            }
        }
        return new ImportResult(forms, errors);
    }

    // pdftotext ends pages with a form feed; Windows tools may add carriage returns.
    private static string[] SplitLines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && (line[^1] == '\r' || line[0] == '\f' || line.Contains('\f', StringComparison.Ordinal)))
            {
                lines[i] = line.TrimEnd('\r').Replace('\f', ' ');
            }
        }
        return lines;
    }
}
