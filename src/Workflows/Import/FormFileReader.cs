namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Reads a file of forms by what its content is, not by its name: our workbook (.xlsx) or the text-extracted format
/// (UTF-8, UTF-16 or GB18030). Anything else — an old .xls, an encrypted workbook, a program, a PDF — is refused with
/// one zh-CN sentence and nothing read.
/// </summary>
public static class FormFileReader
{
    public static ImportResult ReadFile(string path, XlsxLimits? limits = null)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return ImportResult.Failed($"找不到文件：{path}");
            }
            using var stream = info.OpenRead();
            return Read(stream, limits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ImportResult.Failed($"无法读取文件 {path}：{e.Message}");
        }
    }

    /// <summary>Reads a seekable stream (a file, or an upload buffered in memory).</summary>
    public static ImportResult Read(Stream stream, XlsxLimits? limits = null)
    {
        limits ??= XlsxLimits.Default;
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        switch (XlsxSafety.Sniff(head[..read]))
        {
            case FileKind.Zip:
                return XlsxFormReader.Read(stream, limits);
            case FileKind.Compound:
                return ImportResult.Failed(XlsxSafety.CompoundRefusal(ReadAll(stream, limits.MaxFileBytes)));
            case FileKind.Executable:
                return ImportResult.Failed("文件是可执行程序，不是申报表（无论扩展名是什么），已拒绝。");
            case FileKind.Pdf:
                return ImportResult.Failed("文件是 PDF：请先用财政系统导出的 PDF 提取文本（pdftotext）再导入文本文件，或导入系统导出的 .xlsx 工作簿。");
            default:
                if (stream.Length > TextFileDecoder.MaxBytes)
                {
                    return ImportResult.Failed($"文件过大，超过 {TextFileDecoder.MaxBytes / (1024 * 1024)} MB 上限，请拆分后再导入。");
                }
                return TextFormReader.Read(ReadAll(stream, TextFileDecoder.MaxBytes));
        }
    }

    private static byte[] ReadAll(Stream stream, long max)
    {
        var length = (int)Math.Min(stream.Length, max);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        stream.Position = 0;
        return bytes;
    }
}
