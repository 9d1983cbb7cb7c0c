<#
.SYNOPSIS
    Start the pass Culture kiosk for the signed-in kiosk account, enrolling it first when the
    installer left an enrollment code.

.DESCRIPTION
    The shell of the kiosk account under Shell Launcher (Set-ShellLauncher.ps1), or the
    logon task of the Pro fallback (Set-ProKiosk.ps1 runs it with -Restart).

    Enrollment happens here, at the first start, and not in the installer: the device token
    goes to the secret store of the account that runs the kiosk (its Windows Credential
    Manager), which LocalSystem, who runs the installer, cannot write to. The installer left
    the one-time code DPAPI-encrypted in %ProgramData%\passculture-kiosk\enrollment.pending;
    this script decrypts it, runs `passculture-kiosk.exe enroll --code ...` and deletes the
    file once the code is spent (enrolled, or refused as already used or unknown). When the
    network is down it keeps the file and tries again at the next start; the kiosk starts
    anyway and says it is offline. The code is never written anywhere else, nor logged.

    What it does goes to %LOCALAPPDATA%\passculture-kiosk\Logs\launcher.log.

.PARAMETER Restart
    Start the kiosk again when it exits with a non-zero code (a crash): the Pro fallback has
    no Shell Launcher to do it. Exit code 0 (closed by staff) ends the script.

.PARAMETER EnrollOnly
    Complete a pending enrollment, then exit: 0 when enrolled or nothing was pending.
#>
param(
    [switch] $Restart,
    [switch] $EnrollOnly
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

$Install = Split-Path -Parent $PSScriptRoot
$Exe = Join-Path $Install 'passculture-kiosk.exe'
$Pending = Join-Path $env:ProgramData 'passculture-kiosk\enrollment.pending'
$LogFile = Join-Path $env:LOCALAPPDATA 'passculture-kiosk\Logs\launcher.log'
$Entropy = [Text.Encoding]::UTF8.GetBytes('passculture-kiosk enrollment code')
$NetworkRetries = @(0, 15, 45)    # seconds before each enrollment attempt
$QuickExit = [TimeSpan]::FromSeconds(30)
$CrashPause = [TimeSpan]::FromSeconds(60)

function Write-LauncherLog([string] $Message) {
    $folder = Split-Path -Parent $LogFile
    if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
    $line = '{0:yyyy-MM-ddTHH:mm:ssK} Start-Kiosk: {1}' -f (Get-Date), $Message
    Add-Content -LiteralPath $LogFile -Value $line -Encoding UTF8
}

function ConvertTo-ArgumentString([string[]] $Items) {
    # The quoting rules of CommandLineToArgvW, which Python's own parser follows.
    $quoted = foreach ($item in $Items) {
        if ($item -ne '' -and $item -notmatch '[\s"]') { $item; continue }
        $escaped = [regex]::Replace($item, '(\\*)"', { param($m) $m.Groups[1].Value * 2 + '\"' })
        '"' + [regex]::Replace($escaped, '(\\+)$', { param($m) $m.Groups[1].Value * 2 }) + '"'
    }
    $quoted -join ' '
}

function Start-KioskProcess([string[]] $KioskArguments, [switch] $Capture) {
    $info = New-Object System.Diagnostics.ProcessStartInfo
    $info.FileName = $Exe
    $info.Arguments = ConvertTo-ArgumentString $KioskArguments
    $info.WorkingDirectory = $Install
    $info.UseShellExecute = $false
    if ($Capture) {
        $info.CreateNoWindow = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
    }
    [System.Diagnostics.Process]::Start($info)
}

function Invoke-Enrollment {
    # Returns $true when nothing is left pending.
    if (-not (Test-Path -LiteralPath $Pending)) { return $true }
    try {
        Add-Type -AssemblyName System.Security
        $code = [Text.Encoding]::UTF8.GetString([System.Security.Cryptography.ProtectedData]::Unprotect(
                [IO.File]::ReadAllBytes($Pending), $Entropy,
                [System.Security.Cryptography.DataProtectionScope]::LocalMachine))
    } catch {
        Write-LauncherLog "the pending enrollment cannot be read ($($_.Exception.Message)): ask IT to reinstall with a new ENROLLMENT_CODE"
        return $false
    }
    foreach ($delay in $NetworkRetries) {
        if ($delay -gt 0) { Start-Sleep -Seconds $delay }
        $process = Start-KioskProcess @('enroll', '--code', $code) -Capture
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        $output = ($stdout + $stderr.Result).Trim() -replace '\s*\r?\n\s*', ' | '
        if ($process.ExitCode -eq 0) {
            Remove-Item -LiteralPath $Pending -Force
            Write-LauncherLog "enrolled: $output"
            return $true
        }
        if ($output -match 'already used|is unknown') {
            # The code is spent or wrong: keeping it would only fail again at every start.
            Remove-Item -LiteralPath $Pending -Force
            Write-LauncherLog "enrollment refused, code discarded: $output"
            return $false
        }
        Write-LauncherLog "enrollment failed (exit $($process.ExitCode)): $output"
        if ($output -notmatch 'cannot reach') { break }  # not the network: retrying will not help
    }
    Write-LauncherLog 'the code is kept for the next start'
    return $false
}

$enrolled = Invoke-Enrollment
if ($EnrollOnly) { if ($enrolled) { exit 0 } else { exit 1 } }

$quickExits = 0
while ($true) {
    $started = Get-Date
    $process = Start-KioskProcess @()
    $process.WaitForExit()
    $code = $process.ExitCode
    Write-LauncherLog "the kiosk exited with code $code"
    if (-not $Restart -or $code -eq 0) { exit $code }
    # A kiosk that dies at once, again and again, must not spin the CPU: pause, then retry.
    if ((Get-Date) - $started -lt $QuickExit) { $quickExits++ } else { $quickExits = 0 }
    if ($quickExits -ge 3) {
        Write-LauncherLog "the kiosk keeps exiting at once: waiting $($CrashPause.TotalSeconds) s"
        Start-Sleep -Seconds $CrashPause.TotalSeconds
        $quickExits = 0
    }
    if (-not $enrolled) { $enrolled = Invoke-Enrollment }
}
