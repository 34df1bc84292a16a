using Cloudnet.Ctl;

// cloudnetctl: inspects a running cloudnet-ipamd through its introspection endpoint, and
// checkpoint files directly. See CtlApp.Usage.
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CtlApp.RunAsync(args, Console.Out, Console.Error, http, TimeProvider.System, cancel.Token).ConfigureAwait(false);
