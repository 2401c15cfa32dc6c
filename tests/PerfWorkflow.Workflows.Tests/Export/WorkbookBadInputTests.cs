using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfWorkflow.Workflows.Export;
using PerfWorkflow.Workflows.Import;
using PerfWorkflow.Workflows.Tests.Import;

namespace PerfWorkflow.Workflows.Tests.Export;

/// <summary>Every bad file of issue 13: one clear zh-CN message, and not a single form read from it.</summary>
public sealed class WorkbookBadInputTests
{
    [Fact]
    public void Workbook_WithAFormula_IsRefused_NamingTheCell()
    {
        var file = Edit(document =>
        {
            var cell = FirstSheet(document).Descendants<Cell>().First(c => c.CellReference == "C4");
            cell.InlineString = null;
            cell.DataType = null;
            cell.CellFormula = new CellFormula("1+1");
        });

        AssertRefused(file, "C4", "公式");
    }

    [Fact]
    public void Workbook_WithAHiddenSheet_IsRefused()
    {
        var file = Edit(document => document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First().State = SheetStateValues.Hidden);

        AssertRefused(file, "隐藏工作表");
    }

    [Fact]
    public void Workbook_WithMacros_IsRefused() => AssertRefused(AddEntry(Workbook(), "xl/vbaProject.bin", [1, 2, 3]), "宏", ".xlsm");

    [Fact]
    public void Workbook_WithExternalLinks_IsRefused() =>
        AssertRefused(AddEntry(Workbook(), "xl/externalLinks/externalLink1.xml", "<externalLink/>"u8.ToArray()), "外部链接");

    [Fact]
    public void MacroEnabledWorkbook_IsRefused_ByItsContentType_EvenWithoutAVbaPartOfTheUsualName()
    {
        var file = ReplaceText(Workbook(), "[Content_Types].xml", xml => xml.Replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal));

        AssertRefused(file, "宏");
    }

    [Fact]
    public void RenamedMacroProject_IsRefused_ByItsRelationship()
    {
        var file = AddEntry(Workbook(), "xl/code/module.dat", [1, 2, 3]);
        file = ReplaceText(file, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            "<Relationship Id=\"rIdX\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"code/module.dat\"/></Relationships>",
            StringComparison.Ordinal));

        AssertRefused(file, "宏");
    }

    [Fact]
    public void Excel4MacroSheet_IsRefused() =>
        AssertRefused(AddEntry(Workbook(), "xl/macrosheets/sheet1.xml", "<xm:macrosheet/>"u8.ToArray()), "宏");

    [Fact]
    public void LinkToAnotherWorkbook_IsRefused_WhereverThePartIsStored()
    {
        var file = AddEntry(Workbook(), "xl/links/book2.xml", "<externalLink/>"u8.ToArray());
        file = ReplaceText(file, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            "<Relationship Id=\"rIdY\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink\" Target=\"links/book2.xml\"/></Relationships>",
            StringComparison.Ordinal));

        AssertRefused(file, "外部链接");
    }

    [Fact]
    public void DataConnection_IsRefused()
    {
        var file = Edit(document => document.WorkbookPart!.AddNewPart<ConnectionsPart>());

        AssertRefused(file, "外部数据连接");
    }

    [Fact]
    public void Hyperlink_IsNotAnExternalLink_AndTheFormIsRead()
    {
        var file = Edit(document => document.WorkbookPart!.WorksheetParts.First().AddHyperlinkRelationship(new Uri("https://czj.sz.gov.cn/"), true));

        var read = FormFileReader.Read(file);

        Assert.Empty(read.Errors);
        Assert.Equal(WorkbookSamples.FromText.Forms[0].Form.Name, Assert.Single(read.Forms).Form.Name);
    }

    [Theory]
    [InlineData("word/document.xml", "<w:document/>", "Word 文档")]
    [InlineData("ppt/presentation.xml", "<p:presentation/>", "PowerPoint")]
    [InlineData("mimetype", "application/vnd.oasis.opendocument.spreadsheet", ".ods")]
    [InlineData("mimetype", "application/vnd.oasis.opendocument.text", "OpenDocument 文档")]
    public void AnotherOfficeDocument_IsRefused_SayingWhatItIs(string part, string content, string word)
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry(part).Open());
            entry.Write(content);
        }
        file.Position = 0;

        AssertRefused(file, word);
    }

    [Fact]
    public void Workbook_WhoseMergedValueCellsWereMoved_IsAnErrorNamingTheRow()
    {
        var file = Edit(document =>
        {
            var sheet = FirstSheet(document);
            var cell = sheet.Descendants<Cell>().First(c => c.CellReference == "C4");
            var moved = (Cell)cell.CloneNode(true);
            moved.CellReference = "E4";
            sheet.Descendants<Cell>().First(c => c.CellReference == "E4").Remove();
            cell.InsertAfterSelf(moved);
            cell.Remove();
            sheet.Descendants<MergeCells>().First().Remove();
        });

        var read = FormFileReader.Read(file);

        Assert.Empty(read.Forms);
        var error = Assert.Single(read.Errors);
        Assert.Contains("第4行", error.Message, StringComparison.Ordinal);
        Assert.Contains("合并单元格被移动", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipBomb_OfOneHighlyCompressedPart_IsRefused()
    {
        var file = AddEntry(Workbook(), "xl/media/zeros.bin", new byte[20 * 1024 * 1024]);

        AssertRefused(file, "zip 炸弹");
    }

    [Fact]
    public void ZipBomb_BeyondTheUncompressedLimit_IsRefusedWhileInflating()
    {
        var file = AddEntry(Workbook(), "xl/media/zeros.bin", new byte[3 * 1024 * 1024]);

        var read = FormFileReader.Read(file, new XlsxLimits { MaxUncompressedBytes = 2 * 1024 * 1024 });

        Assert.Empty(read.Forms);
        Assert.Contains("解压后超过 2 MB", Assert.Single(read.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_WithTooManyEntries_IsRefused()
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 2_500; i++)
            {
                zip.CreateEntry($"x/{i}");
            }
        }
        file.Position = 0;

        AssertRefused(file, "超过 2000 个上限");
    }

    [Fact]
    public void Workbook_OfAHundredThousandRows_IsRefused()
    {
        var file = new MemoryStream();
        DeclarationWorkbook.WriteTable(file, "数据", ["项目编码"], Enumerable.Range(0, 100_000).Select(i => (IReadOnlyList<object?>)[i]));
        file.Position = 0;

        AssertRefused(file, "超过 10000 行上限");
    }

    [Fact]
    public void PasswordProtectedWorkbook_IsRefused_SayingToRemoveThePassword()
    {
        var bytes = new byte[4096];
        byte[] header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        header.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);

        AssertRefused(new MemoryStream(bytes), "密码");
    }

    [Fact]
    public void OldXlsWorkbook_IsRefused_SayingToSaveAsXlsx()
    {
        var bytes = new byte[4096];
        byte[] header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        header.CopyTo(bytes, 0);

        AssertRefused(new MemoryStream(bytes), ".xls", "另存为 .xlsx");
    }

    [Fact]
    public void RenamedExecutable_IsRefused_WhateverItsName()
    {
        var bytes = new byte[1024];
        "MZ"u8.CopyTo(bytes);

        AssertRefused(new MemoryStream(bytes), "可执行程序");
    }

    [Fact]
    public void CorruptZip_IsRefused_AsNotAWorkbook()
    {
        var bytes = Workbook().ToArray()[..300];

        AssertRefused(new MemoryStream(bytes), "损坏");
    }

    [Fact]
    public void TextFileInGb18030_IsReadAsTheSampleForms()
    {
        var text = File.ReadAllText(SampleForms.FilePath, Encoding.UTF8);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(54936).GetBytes(text);

        var read = FormFileReader.Read(new MemoryStream(bytes));

        Assert.Empty(read.Errors);
        Assert.Equal(11, read.Forms.Count);
        Assert.Equal(SampleForms.Expected[0].Name, read.Forms[0].Form.Name);
    }

    private static void AssertRefused(Stream file, params string[] words)
    {
        var read = FormFileReader.Read(file);
        Assert.Empty(read.Forms);
        var error = Assert.Single(read.Errors);
        foreach (var word in words)
        {
            Assert.Contains(word, error.Message, StringComparison.Ordinal);
        }
    }

    private static MemoryStream Workbook()
    {
        var file = new MemoryStream();
        DeclarationWorkbook.WriteDeclaration(file, WorkbookSamples.FromText.Forms[0].Form);
        file.Position = 0;
        return file;
    }

    private static MemoryStream Edit(Action<SpreadsheetDocument> change)
    {
        var file = Workbook();
        using (var document = SpreadsheetDocument.Open(file, true))
        {
            change(document);
        }
        file.Position = 0;
        return file;
    }

    private static Worksheet FirstSheet(SpreadsheetDocument document) => document.WorkbookPart!.WorksheetParts.First().Worksheet;

    private static MemoryStream ReplaceText(MemoryStream workbook, string name, Func<string, string> change)
    {
        using (var zip = new ZipArchive(workbook, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"no {name} in the workbook");
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }
            var changed = change(text);
            Assert.NotEqual(text, changed);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(changed);
        }
        workbook.Position = 0;
        return workbook;
    }

    private static MemoryStream AddEntry(MemoryStream workbook, string name, byte[] content)
    {
        using (var zip = new ZipArchive(workbook, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            entry.Write(content);
        }
        workbook.Position = 0;
        return workbook;
    }
}
