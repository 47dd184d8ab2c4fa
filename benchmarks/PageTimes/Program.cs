// Signs in to a running `ledger serve` with Debian's Chromium and loads each page given, printing one line per
// page: its size as the browser received it, when the server had sent it all, and when the browser had laid
// it out (the load event), from the page's own Navigation Timing entry.
//   PageTimes BASE_URL EMAIL PATH...      (the password is read from standard input)
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: PageTimes BASE_URL EMAIL PATH... (password on standard input)");
    return 2;
}
var (baseUrl, email, paths) = (args[0], args[1], args[2..]);
var password = Console.ReadLine() ?? "";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
// The largest pages before paging took minutes to lay out.
context.SetDefaultTimeout(600_000);
context.SetDefaultNavigationTimeout(600_000);
var page = await context.NewPageAsync();
await page.GotoAsync("/");
await page.GetByLabel("Email").FillAsync(email);
await page.GetByLabel("Password").FillAsync(password);
await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

Console.WriteLine($"{"page",-40} {"status",6} {"size (KB)",10} {"served (ms)",12} {"shown (ms)",11}");
foreach (var path in paths)
{
    var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
    var timing = JsonDocument.Parse(await page.EvaluateAsync<string>(
        "JSON.stringify(performance.getEntriesByType('navigation')[0])")).RootElement;
    double Ms(string name) => timing.GetProperty(name).GetDouble();
    var kilobytes = Ms("decodedBodySize") / 1024;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{path,-40} {response?.Status,6} {kilobytes,10:0} {Ms("responseEnd") - Ms("startTime"),12:0} {Ms("loadEventEnd") - Ms("startTime"),11:0}"));
}
return 0;
