/* qr_svg.h: a QR code as inline SVG (libqrencode), for the printable login card. */
#ifndef STEPWISE_QR_SVG_H
#define STEPWISE_QR_SVG_H

/* An <svg> element (role="img", labelled with label) showing text as a QR code with error
 * correction level M and the 4-module quiet zone; black on white in every colour scheme so that
 * it scans and prints. Returns NULL when text is too long for a QR code. Caller frees. */
char *qr_svg(const char *text, const char *label);

#endif
