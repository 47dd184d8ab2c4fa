using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;

// EvidenceBaseline LEDGER.db FROM TO OUT.xlsx: every event with FROM <= time < TO, one row of 19 cells each,
// written with nothing but a SQLite reader and an OpenXmlWriter loop into a one-sheet workbook.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: EvidenceBaseline LEDGER.db FROM TO OUT.xlsx");
    return 2;
}

using var connection = new SqliteConnection($"Data Source={args[0]};Mode=ReadOnly");
connection.Open();
using var command = connection.CreateCommand();
command.CommandText =
    "SELECT OccurredAt, Source, EventType, Username, UserId, SourceIp, LoginType, Status, Succeeded, Application, ClientName, ApiType, " +
    "ConnectedAppId, Uri, Detail, IntegrationId, TokenId, BatchId, LineNumber FROM UsageEvents WHERE OccurredAt >= $from AND OccurredAt < $to ORDER BY OccurredAt, Id";
command.Parameters.AddWithValue("$from", args[1]);
command.Parameters.AddWithValue("$to", args[2]);

using var document = SpreadsheetDocument.Create(args[3], SpreadsheetDocumentType.Workbook);
var workbookPart = document.AddWorkbookPart();
var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
long rows = 0;
using (var writer = OpenXmlWriter.Create(sheetPart))
{
    writer.WriteStartElement(new Worksheet());
    writer.WriteStartElement(new SheetData());
    using var reader = command.ExecuteReader();
    while (reader.Read())
    {
        rows++;
        writer.WriteStartElement(new Row { RowIndex = (uint)rows });
        for (var c = 0; c < reader.FieldCount; c++)
        {
            if (reader.IsDBNull(c))
                continue;
            if (c == 0)
            {
                var time = DateTime.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
                writer.WriteElement(new Cell(new CellValue(time.ToOADate())));
            }
            else
            {
                writer.WriteElement(new Cell(new InlineString(new Text(reader.GetValue(c).ToString()!))) { DataType = CellValues.InlineString });
            }
        }
        writer.WriteEndElement();
    }
    writer.WriteEndElement();
    writer.WriteEndElement();
}
workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "Evidence" }));
Console.WriteLine(rows);
return 0;
