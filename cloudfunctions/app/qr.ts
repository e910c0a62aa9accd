import QRCode from 'qrcode'

/**
 * A QR code for `text` as a `data:image/png;base64,…` URL, drawn here on the server so that WeChat and
 * H5 show the same picture with a plain image (no canvas, no QR library in the mini program's bundle).
 * Error correction M survives a scratched or glary phone screen; a margin of 2 modules is enough quiet
 * zone on the white card; 480 px matches the 480rpx it is shown at on a 750-wide screen.
 */
export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 480, type: 'image/png' })
}
