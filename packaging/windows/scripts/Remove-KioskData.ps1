<#
.SYNOPSIS
    Run by the MSI (as LocalSystem) when the kiosk is really uninstalled, never during an
    upgrade: leave nothing on the PC but the logs.

.DESCRIPTION
    Windows Installer removes the files it installed. This removes what the kiosk and the
    installer wrote afterwards:
    - the kiosk lockdown, if one was set (Remove-KioskLockdown.ps1 -KeepAccount), so the
      kiosk account does not sign in to a shell that no longer exists;
    - %ProgramData%\passculture-kiosk: the machine configuration kiosk.toml and a pending
      enrollment, everything but Logs\;
    - in every user profile, %LOCALAPPDATA%\passculture-kiosk (catalog, encrypted outbox,
      audit journal, image cache, user configuration), everything but Logs\, and Qt's
      cache in %LOCALAPPDATA%\pass Culture\passculture-kiosk.
    The device token stays in the kiosk account's Credential Manager, which LocalSystem
    cannot open: docs/deploy-windows.md says how to remove it. Group Policy values under
    HKLM\SOFTWARE\Policies\passculture-kiosk belong to the GPO and are left alone.
    Never fails: the MSI runs it with Return="ignore"; problems go to Logs\setup.log.
#>
Set-StrictMode -Version 3
$ErrorActionPreference = 'Continue'

$Root = Join-Path $env:ProgramData 'passculture-kiosk'
$LogFile = Join-Path $Root 'Logs\setup.log'
$Kept = 'Logs'

function Write-SetupLog([string] $Message) {
    try {
        $folder = Split-Path -Parent $LogFile
        if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
        $line = '{0:yyyy-MM-ddTHH:mm:ssK} Remove-KioskData: {1}' -f (Get-Date), $Message
        Add-Content -LiteralPath $LogFile -Value $line -Encoding UTF8
    } catch { }
}

function Clear-FolderButLogs([string] $Folder) {
    if (-not (Test-Path -LiteralPath $Folder)) { return }
    foreach ($item in Get-ChildItem -LiteralPath $Folder -Force) {
        if ($item.PSIsContainer -and $item.Name -eq $Kept) { continue }
        try {
            Remove-Item -LiteralPath $item.FullName -Recurse -Force -ErrorAction Stop
        } catch {
            Write-SetupLog "could not remove $($item.FullName): $($_.Exception.Message)"
        }
    }
    if (-not (Get-ChildItem -LiteralPath $Folder -Force)) { Remove-Item -LiteralPath $Folder -Force }
}

Write-SetupLog 'uninstall: removing the kiosk data, keeping the logs'

$lockdown = Join-Path $PSScriptRoot 'lockdown\Remove-KioskLockdown.ps1'
if (Test-Path -LiteralPath $lockdown) {
    try {
        & $lockdown -KeepAccount -Quiet
    } catch {
        Write-SetupLog "lockdown removal failed: $($_.Exception.Message)"
    }
}

Clear-FolderButLogs $Root

$profiles = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList'
foreach ($key in Get-ChildItem -LiteralPath $profiles -ErrorAction SilentlyContinue) {
    $path = (Get-ItemProperty -LiteralPath $key.PSPath -Name ProfileImagePath -ErrorAction SilentlyContinue).ProfileImagePath
    if (-not $path) { continue }
    $local = Join-Path ([Environment]::ExpandEnvironmentVariables($path)) 'AppData\Local'
    Clear-FolderButLogs (Join-Path $local 'passculture-kiosk')
    $qtCache = Join-Path $local 'pass Culture\passculture-kiosk'
    if (Test-Path -LiteralPath $qtCache) {
        Remove-Item -LiteralPath $qtCache -Recurse -Force -ErrorAction SilentlyContinue
        $organisation = Join-Path $local 'pass Culture'
        if (-not (Get-ChildItem -LiteralPath $organisation -Force -ErrorAction SilentlyContinue)) {
            Remove-Item -LiteralPath $organisation -Force -ErrorAction SilentlyContinue
        }
    }
}
Write-SetupLog 'uninstall: done'
exit 0
