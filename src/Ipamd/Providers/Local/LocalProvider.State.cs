using System.Net;
using Cloudnet.Ipamd.Options;

namespace Cloudnet.Ipamd.Providers.Local;

public sealed partial class LocalProvider
{
    /// <summary>Checks CLOUDNET_POOL_CIDRS for this provider.</summary>
    internal static IEnumerable<string> ValidateOptions(DaemonOptions options)
    {
        if (options.PoolCidrs.Count == 0)
        {
            yield return $"{EnvironmentNames.PoolCidrs}: required for the local provider (e.g. 10.244.0.0/24)";
        }

        foreach (var cidr in options.PoolCidrs)
        {
            if (new LocalAddressRange(cidr).Count == 0)
            {
                yield return $"{EnvironmentNames.PoolCidrs}: '{cidr}' has no usable address for pods";
            }
        }

        if (options.WarmPool.PrefixDelegation)
        {
            yield return $"{EnvironmentNames.EnablePrefixDelegation}: the local provider has no prefix delegation";
        }
    }

    /// <summary>Waits for the gate; the first caller loads the state file.</summary>
    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_loaded)
        {
            return;
        }

        try
        {
            Apply(await _stateFile.LoadAsync(cancellationToken).ConfigureAwait(false));
            _loaded = true;
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    private void Apply(LocalPoolState state)
    {
        foreach (var saved in state.Interfaces)
        {
            var index = Array.FindIndex(_ranges, r => r.Cidr.ToString() == saved.Cidr);
            if (index < 0)
            {
                continue;
            }

            var set = _assigned[index] ??= [];
            foreach (var text in saved.Addresses)
            {
                var i = IPAddress.TryParse(text, out var address) ? _ranges[index].IndexOf(address) : -1;
                if (i >= 0)
                {
                    set.Add(i);
                }
            }
        }
    }

    private Task SaveAsync(CancellationToken cancellationToken)
    {
        var state = new LocalPoolState
        {
            Interfaces = [.. Enumerable.Range(0, _ranges.Length)
                .Where(i => _assigned[i] is not null)
                .Select(i => new LocalInterfaceState(_ranges[i].Cidr.ToString(), [.. _assigned[i]!.Select(a => _ranges[i].At(a).ToString())]))],
        };
        return _stateFile.SaveAsync(state, cancellationToken);
    }
}
