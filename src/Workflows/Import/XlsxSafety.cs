using System.IO.Compression;

namespace PerfWorkflow.Workflows.Import;

/// <summary>Limits on an uploaded workbook, checked on the zip container before anything parses it.</summary>
public sealed record XlsxLimits
{
    public long MaxFileBytes { get; init; } = 20L * 1024 * 1024;
    public long MaxUncompressedBytes { get; init; } = 100L * 1024 * 1024;
    public int MaxEntries { get; init; } = 2_000;

    /// <summary>Uncompressed ÷ compressed size above which an entry (of more than 1 MB) is treated as a zip bomb.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Rows of one sheet; a form has about 60, a package's 汇总表 one per declaration.</summary>
    public int MaxRowsPerSheet { get; init; } = 10_000;

    public static XlsxLimits Default { get; } = new();
}

/// <summary>What a file's first bytes say it is, whatever its name.</summary>
public enum FileKind
{
    Text,
    Zip,
    Compound,
    Executable,
    Pdf,
}

/// <summary>Content sniffing and the zip checks of docs/adr/004-xlsx-library.md; each refusal is one zh-CN sentence.</summary>
public static class XlsxSafety
{
    public static FileKind Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x50, 0x4B, 0x03, 0x04, ..] or [0x50, 0x4B, 0x05, 0x06, ..] => FileKind.Zip,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => FileKind.Compound,
        [0x4D, 0x5A, ..] or [0x7F, 0x45, 0x4C, 0x46, ..] => FileKind.Executable,
        [0x25, 0x50, 0x44, 0x46, ..] => FileKind.Pdf,
        _ => FileKind.Text,
    };

    /// <summary>Why an OLE compound file cannot be read: an encrypted (password-protected) workbook or an old .xls.</summary>
    public static string CompoundRefusal(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOf("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"u8) >= 0
            ? "工作簿设置了打开密码（已加密），系统无法读取：请在 Excel 中取消密码，另存为 .xlsx 后再导入。"
            : "文件是旧版 Excel 97-2003 工作簿（.xls），系统只读取 .xlsx：请在 Excel 或 LibreOffice 中另存为 .xlsx 后再导入。";

    private const string MacroRefusal = "工作簿含宏（.xlsm、宏表或 ActiveX 控件），为安全起见不导入：请另存为不含宏的 .xlsx 后再导入。";
    private const string ExternalLinkRefusal = "工作簿含外部链接（引用其他文件的数据），导入内容可能不完整：请在 Excel 中“断开链接”后另存再导入。";
    private const string ConnectionRefusal = "工作簿含外部数据连接（数据库或网页查询），导入内容可能不完整：请删除数据连接、保留数值后另存再导入。";

    /// <summary>Parts whose place in the package says what they are (the names Excel and LibreOffice give them).</summary>
    private static string? RefusalByName(string name)
    {
        if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("xl/macrosheets/", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("xl/dialogsheets/", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("xl/activeX/", StringComparison.OrdinalIgnoreCase))
        {
            return MacroRefusal;
        }
        if (name.StartsWith("xl/externalLinks/", StringComparison.OrdinalIgnoreCase))
        {
            return ExternalLinkRefusal;
        }
        return name.Equals("xl/connections.xml", StringComparison.OrdinalIgnoreCase) ? ConnectionRefusal : null;
    }

    /// <summary>A zip that is another kind of office document: what it is and how to make an .xlsx of it.</summary>
    private static string? OtherDocumentRefusal(ZipArchive archive)
    {
        if (archive.GetEntry("mimetype") is { Length: < 200 } mimetype)
        {
            using var reader = new StreamReader(mimetype.Open());
            var type = reader.ReadToEnd();
            if (type.Contains("opendocument.spreadsheet", StringComparison.Ordinal))
            {
                return "文件是 OpenDocument 表格（.ods，LibreOffice 或 WPS 的格式），系统只读取 .xlsx：请用“另存为”选择 Excel 工作簿（.xlsx）后再导入。";
            }
            if (type.Contains("opendocument", StringComparison.Ordinal))
            {
                return "文件是 OpenDocument 文档（文字或演示文稿），不是表格：请把申报表另存为 Excel 工作簿（.xlsx）后再导入。";
            }
        }
        if (archive.GetEntry("word/document.xml") is not null)
        {
            return "文件是 Word 文档（.docx），不是 Excel 工作簿：请导入申报表的 .xlsx 工作簿，或另存为财政系统的文本导出后再导入。";
        }
        return archive.GetEntry("ppt/presentation.xml") is not null
            ? "文件是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿：请另存为或改选申报表的 .xlsx 工作簿后再导入。"
            : null;
    }

    private static bool IsDescription(string name) =>
        name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The content types and relationships name a part's kind whatever the part is called: a macro project, an Excel 4.0
    /// macro sheet, a link to another workbook or a data connection is refused even when renamed. Hyperlinks (external
    /// targets of another type) are ordinary text and pass.
    /// </summary>
    private static string? RefusalByDescription(ReadOnlySpan<byte> xml)
    {
        if (xml.IndexOf("macroEnabled"u8) >= 0 || xml.IndexOf("vbaProject"u8) >= 0 || xml.IndexOf("/macrosheet"u8) >= 0
            || xml.IndexOf("ms-excel.macrosheet"u8) >= 0 || xml.IndexOf("/dialogsheet"u8) >= 0 || xml.IndexOf("activeX"u8) >= 0)
        {
            return MacroRefusal;
        }
        if (xml.IndexOf("/externalLink"u8) >= 0 || xml.IndexOf("externalLink+xml"u8) >= 0)
        {
            return ExternalLinkRefusal;
        }
        return xml.IndexOf("/connections"u8) >= 0 || xml.IndexOf("connections+xml"u8) >= 0 ? ConnectionRefusal : null;
    }

    /// <summary>Checks the container; null when it may be opened, else the reason it is refused.</summary>
    public static string? Check(Stream zip, XlsxLimits limits)
    {
        if (zip.Length > limits.MaxFileBytes)
        {
            return $"文件过大（{zip.Length / (1024 * 1024.0):0.#} MB），超过 {limits.MaxFileBytes / (1024 * 1024)} MB 上限。";
        }
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > limits.MaxEntries)
            {
                return $"工作簿包含 {archive.Entries.Count} 个部件，超过 {limits.MaxEntries} 个上限，疑似恶意压缩文件，已拒绝。";
            }
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (RefusalByName(name) is { } byName)
                {
                    return byName;
                }
                // Counted while inflating, so a size the zip's directory lies about cannot get past the limit.
                // The package's descriptions (content types, relationships) are kept to look for macros and links
                // that a renamed part would hide.
                using var stream = entry.Open();
                using var description = IsDescription(name) ? new MemoryStream() : null;
                long size = 0;
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    size += read;
                    total += read;
                    if (total > limits.MaxUncompressedBytes)
                    {
                        return $"工作簿解压后超过 {limits.MaxUncompressedBytes / (1024 * 1024)} MB 上限，疑似恶意压缩文件（zip 炸弹），已拒绝。";
                    }
                    description?.Write(buffer, 0, read);
                }
                if (size > 1024 * 1024 && size > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    return $"工作簿部件 {name} 的压缩比超过 {limits.MaxCompressionRatio}:1，疑似恶意压缩文件（zip 炸弹），已拒绝。";
                }
                if (description is not null && RefusalByDescription(description.GetBuffer().AsSpan(0, (int)description.Length)) is { } byDescription)
                {
                    return byDescription;
                }
            }
            if (archive.GetEntry("xl/workbook.xml") is null && !archive.Entries.Any(e => e.FullName.EndsWith("workbook.xml", StringComparison.OrdinalIgnoreCase)))
            {
                return OtherDocumentRefusal(archive) ?? "压缩文件不是 Excel 工作簿（没有 workbook.xml），无法导入。";
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return "文件已损坏，或不是有效的 .xlsx 工作簿，无法读取。";
        }
        finally
        {
            zip.Position = 0;
        }
    }
}
